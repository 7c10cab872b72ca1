package dev.animerec.batch.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Long-running: crawl-schedule for anime and profiles on a fixed delay, plus the REST"
                + " endpoint GET /jobs/executions and POST /jobs/executions/{id}/restart. Stops on SIGTERM/Ctrl-C.")
class SchedulerCommand implements Callable<Integer> {

    @Option(names = "--delay", description = "pause between rounds, ISO-8601 (default animerec.schedule.fixed-delay, PT5M)")
    Duration delay;

    @Option(names = "--anime-max", description = "anime urls per round (default animerec.schedule.anime-max-urls, 500)")
    Integer animeMax;

    @Option(names = "--profile-max", description = "profile urls per round (default animerec.schedule.profile-max-urls, 500)")
    Integer profileMax;

    @Option(names = "--port", description = "REST port (default server.port, 8082)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = ApplicationContexts.start(WebApplicationType.SERVLET, overrides());
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(new ClosedListener(closed));
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }

    Map<String, Object> overrides() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("animerec.scheduler.enabled", "true");
        if (delay != null) {
            properties.put("animerec.schedule.fixed-delay", delay.toString());
        }
        if (animeMax != null) {
            properties.put("animerec.schedule.anime-max-urls", animeMax);
        }
        if (profileMax != null) {
            properties.put("animerec.schedule.profile-max-urls", profileMax);
        }
        if (port != null) {
            properties.put("server.port", port);
        }
        return properties;
    }

    private record ClosedListener(CountDownLatch closed) implements ApplicationListener<ContextClosedEvent> {
        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            closed.countDown();
        }
    }
}
