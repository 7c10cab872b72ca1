package dev.animerec.batch.cli;

import dev.animerec.batch.jobs.JobExecutionView;
import dev.animerec.batch.jobs.JobExecutions;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List job executions or restart one.",
        subcommands = {JobsCommand.ListExecutions.class, JobsCommand.Restart.class})
class JobsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest job executions, newest first.")
    static class ListExecutions implements Callable<Integer> {

        @Option(names = "--limit", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
                List<JobExecutionView> executions = context.getBean(JobExecutions.class).list(limit);
                System.out.printf("%6s  %-16s %-10s %-19s %-19s%n", "ID", "JOB", "STATUS", "START", "END");
                executions.forEach(execution -> System.out.println(execution.line()));
                System.out.println(executions.size() + " execution(s)");
                return 0;
            }
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a failed or stopped job execution; the new execution continues where it stopped.")
    static class Restart implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "the job execution id (see jobs list)")
        long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
                JobExecutionView restarted = context.getBean(JobExecutions.class).restart(id);
                System.out.println("restarted " + id + " as:");
                System.out.println(restarted.line());
                return "COMPLETED".equals(restarted.status()) ? 0 : 1;
            } catch (JobExecutions.UnknownExecutionException | JobExecutions.NotRestartableException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
