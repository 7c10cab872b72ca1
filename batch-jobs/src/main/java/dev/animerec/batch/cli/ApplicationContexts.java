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

    static ConfigurableApplicationContext start(WebApplicationType type, Map<String, Object> properties) {
        return new SpringApplicationBuilder(BatchJobsApplication.class)
                .web(type)
                .properties(properties)
                .logStartupInfo(false)
                .run();
    }
}
