package dev.animerec.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The arguments a Vertex AI publish task passes (see vertex-pipeline's spec) and what they become for Spring. */
class PublishCommandTest {

    @Test
    void networkSettingsOfAPipelineTaskBecomeSpringOverrides() {
        PublishCommand command = new PublishCommand();
        new CommandLine(command).parseArgs("--model-version", "anime-rec-ml-daily-20261208033000",
                "--artefacts", "gs://anime-rec-prod-ml/anime-rec", "--redis-host", "10.20.1.4", "--redis-port", "6378",
                "--datasource-url", "jdbc:postgresql://10.20.0.3:5432/animerec");
        assertThat(command.artefacts).isEqualTo("gs://anime-rec-prod-ml/anime-rec");
        assertThat(command.springOverrides()).isEqualTo(Map.of("spring.data.redis.host", "10.20.1.4",
                "spring.data.redis.port", 6378, "spring.datasource.url", "jdbc:postgresql://10.20.0.3:5432/animerec"));
        assertThat(ApplicationContexts.arguments(command.springOverrides())).containsExactly(
                "--spring.data.redis.host=10.20.1.4", "--spring.data.redis.port=6378",
                "--spring.datasource.url=jdbc:postgresql://10.20.0.3:5432/animerec");
    }

    @Test
    void withoutThemTheEnvironmentDecides() {
        PublishCommand command = new PublishCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.springOverrides()).isEmpty();
        assertThat(command.artefacts).isNull();
    }
}
