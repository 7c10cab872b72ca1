package dev.animerec.batch.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.schedule.CrawlRequest;
import dev.animerec.schedule.UrlKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrawlRequestJsonTest {

    @Test
    void writesTheContractShapeWithIsoInstants() {
        String json = CrawlRequestJson.write(new CrawlRequest("https://myanimelist.net/profile/Elizi", UrlKind.PROFILE,
                Instant.parse("2024-06-01T12:00:00.250Z"), 2));

        assertThat(json).isEqualTo("{\"url\":\"https://myanimelist.net/profile/Elizi\",\"kind\":\"profile\","
                + "\"scheduledAt\":\"2024-06-01T12:00:00.250Z\",\"attempt\":2}");
    }
}
