package dev.animerec.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void readsWhatItWritesAndRejectsBrokenMessagesWithTheReason() {
        CrawlRequest request = new CrawlRequest("https://myanimelist.net/anime/1", UrlKind.ANIME,
                Instant.parse("2024-06-01T12:00:00Z"), 1);
        assertThat(CrawlRequestJson.read(CrawlRequestJson.write(request))).isEqualTo(request);
        assertThatThrownBy(() -> CrawlRequestJson.read("{\"kind\":\"anime\",\"attempt\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without url");
        assertThatThrownBy(() -> CrawlRequestJson.read("{\"url\":\"u\",\"kind\":\"manga\",\"attempt\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manga");
        assertThatThrownBy(() -> CrawlRequestJson.read("{\"url\":\"u\",\"kind\":\"anime\",\"attempt\":0}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt");
        assertThatThrownBy(() -> CrawlRequestJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
