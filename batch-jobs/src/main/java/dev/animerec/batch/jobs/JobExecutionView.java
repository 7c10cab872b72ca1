package dev.animerec.batch.jobs;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;

/** A job execution as listed by {@code jobs list} and {@code GET /jobs/executions}. */
public record JobExecutionView(long id, String jobName, long instanceId, String status, String exitCode,
        LocalDateTime startTime, LocalDateTime endTime, Map<String, String> parameters, long written,
        String exitMessage) {

    static JobExecutionView of(JobExecution execution) {
        Map<String, String> parameters = new TreeMap<>();
        execution.getJobParameters().getParameters()
                .forEach((name, parameter) -> parameters.put(name, String.valueOf(parameter.getValue())));
        long written = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        String message = execution.getExitStatus().getExitDescription();
        return new JobExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
                execution.getJobInstance().getInstanceId(), execution.getStatus().toString(),
                execution.getExitStatus().getExitCode(), execution.getStartTime(), execution.getEndTime(),
                parameters, written, message == null || message.isBlank() ? null : message.lines().findFirst().orElse(null));
    }

    /** One line for the terminal. */
    public String line() {
        return String.format("%6d  %-16s %-10s %-19s %-19s written=%-7d %s%s", id, jobName, status,
                startTime == null ? "-" : startTime.withNano(0), endTime == null ? "-" : endTime.withNano(0), written,
                parameters, exitMessage == null ? "" : "  (" + exitMessage + ")");
    }
}
