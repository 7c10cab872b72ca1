package dev.animerec.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MalUrlTest {

    @Test
    void animeLinksOfEveryShapeCanonicalise() {
        assertThat(MalUrl.parse("https://myanimelist.net/anime/9253/Steins_Gate").url())
                .isEqualTo("https://myanimelist.net/anime/9253");
        assertThat(MalUrl.parse("http://127.0.0.1:8000/anime/49827/x").animeId()).isEqualTo(49827);
        assertThat(MalUrl.parse("https://myanimelist.net/anime.php?id=5").animeId()).isEqualTo(5);
        assertThat(MalUrl.parse("https://myanimelist.net/anime/1/Cowboy_Bebop/stats").url())
                .isEqualTo("https://myanimelist.net/anime/1");
    }

    @Test
    void profileLinksCanonicalise() {
        MalUrl url = MalUrl.parse("https://myanimelist.net/profile/snip-snip/friends");
        assertThat(url.kind()).isEqualTo(UrlKind.PROFILE);
        assertThat(url.username()).isEqualTo("snip-snip");
        assertThat(url.url()).isEqualTo("https://myanimelist.net/profile/snip-snip");
        MalUrl shouting = MalUrl.parse("https://myanimelist.net/profile/Snip-Snip");
        assertThat(shouting.url()).isEqualTo(url.url());
        assertThat(shouting.username()).isEqualTo("Snip-Snip");
    }

    @Test
    void otherLinksAndBadIdsAreRejected() {
        assertThatThrownBy(() -> MalUrl.parse("https://myanimelist.net/manga/2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MalUrl.parse("https://myanimelist.net/profile/a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MalUrl.anime(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MalUrl.profile("<script>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MalUrl.parse("not a url at all")).isInstanceOf(IllegalArgumentException.class);
    }
}
