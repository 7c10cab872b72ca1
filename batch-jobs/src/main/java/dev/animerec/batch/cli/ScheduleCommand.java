package dev.animerec.batch.cli;

import dev.animerec.batch.schedule.CrawlScheduleLauncher;
import dev.animerec.schedule.UrlKind;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Run crawl-schedule once: pick up to MAX urls by priority and queue a crawl request for each.")
class ScheduleCommand implements Callable<Integer> {

    @Option(names = "--kind", required = true, converter = UrlKindConverter.class,
            description = "anime or profile")
    UrlKind kind;

    @Option(names = "--max", required = true, description = "the most urls to schedule (positive)")
    int max;

    @Override
    public Integer call() throws Exception {
        if (max <= 0) {
            System.err.println("--max must be positive, was " + max);
            return 2;
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
            CrawlScheduleLauncher.ScheduleRun run = context.getBean(CrawlScheduleLauncher.class).run(kind, max);
            System.out.println(run);
            return run.completed() ? 0 : 1;
        }
    }
}
