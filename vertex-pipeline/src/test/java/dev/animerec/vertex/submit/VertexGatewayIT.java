package dev.animerec.vertex.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real client library against an address nothing listens on: the error must say Vertex AI is unreachable. */
class VertexGatewayIT {

    @Test
    void unreachableEndpointGivesAClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VertexTarget target = VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml", null,
                "projects/123456789012/global/networks/default",
                Map.of("redis_host", "10.20.1.4", "datasource_url", "jdbc:postgresql://10.20.0.3:5432/animerec"));
        VertexGateway gateway = new VertexGateway("127.0.0.1:" + port, NoCredentialsProvider.create());
        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.submit(
                PipelineJobRequests.pipelineJob(VertexPipelineSpec.json(), target, Instant.now())))
                .isInstanceOf(VertexGateway.VertexUnavailableException.class)
                .hasMessageContaining("could not create the pipeline job")
                .hasMessageContaining("cannot reach 127.0.0.1:" + port);
        assertThatThrownBy(() -> gateway.schedule(PipelineJobRequests.schedule(VertexPipelineSpec.json(), target)))
                .isInstanceOf(VertexGateway.VertexUnavailableException.class)
                .hasMessageContaining("could not create the schedule");
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("seconds").isLessThan(60);
    }
}
