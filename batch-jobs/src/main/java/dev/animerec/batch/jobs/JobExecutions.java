package dev.animerec.batch.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRestartException;
import org.springframework.stereotype.Service;

/** Lists job executions (newest first) and restarts a failed or stopped one, through Spring Batch's operator. */
@Service
public class JobExecutions {

    private final JobExplorer explorer;
    private final JobOperator operator;

    public JobExecutions(JobExplorer explorer, JobOperator operator) {
        this.explorer = explorer;
        this.operator = operator;
    }

    public List<JobExecutionView> list(int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (String jobName : explorer.getJobNames()) {
            for (JobInstance instance : explorer.getJobInstances(jobName, 0, limit)) {
                executions.addAll(explorer.getJobExecutions(instance));
            }
        }
        return executions.stream()
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .limit(limit)
                .map(JobExecutionView::of)
                .toList();
    }

    /**
     * Restarts the execution's job instance with its own parameters and waits for the new execution.
     *
     * @throws UnknownExecutionException when no execution or registered job has that id
     * @throws NotRestartableException when the instance already completed or is still running
     */
    public JobExecutionView restart(long executionId) {
        if (explorer.getJobExecution(executionId) == null) {
            throw new UnknownExecutionException("no job execution " + executionId);
        }
        try {
            return JobExecutionView.of(explorer.getJobExecution(operator.restart(executionId)));
        } catch (NoSuchJobExecutionException | NoSuchJobException e) {
            throw new UnknownExecutionException(e.getMessage());
        } catch (JobInstanceAlreadyCompleteException | JobRestartException e) {
            throw new NotRestartableException("job execution " + executionId + " cannot be restarted: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("restart of job execution " + executionId + " failed: " + e.getMessage(), e);
        }
    }

    public static class UnknownExecutionException extends RuntimeException {
        UnknownExecutionException(String message) {
            super(message);
        }
    }

    public static class NotRestartableException extends RuntimeException {
        NotRestartableException(String message) {
            super(message);
        }
    }
}
