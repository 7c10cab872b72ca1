package dev.animerec.batch.cli;

import dev.animerec.batch.BatchJobsApplication;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring context a command needs; profiles and settings come from the environment as usual. */
final class ApplicationContexts {

    private ApplicationContexts() {
    }

    static ConfigurableApplicationContext withoutWebServer() {
        return start(WebApplicationType.NONE, Map.of());
    }

    /**
     * The command's settings are passed as {@code --key=value} arguments, so they override application.yml
     * and the environment (builder "properties" are only defaults, which application.yml would override).
     */
    static ConfigurableApplicationContext start(WebApplicationType type, Map<String, Object> overrides) {
        return new SpringApplicationBuilder(BatchJobsApplication.class)
                .web(type)
                .logStartupInfo(false)
                .run(arguments(overrides));
    }

    static String[] arguments(Map<String, Object> overrides) {
        return overrides.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .sorted()
                .toArray(String[]::new);
    }
}
