package dev.animerec.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.ui.published.AnimeCard;
import dev.animerec.userlist.UserList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersAndDrawTest {

    private static AnimeCard card(int id, String type, List<String> genres, Double score, Long members, String status,
                                  List<Integer> prequels) {
        return new AnimeCard(id, "Anime " + id, null, type, 12, status, null, 2020, genres, List.of("Gore"),
                List.of(), score, members, null, "https://myanimelist.net/anime/" + id, prequels);
    }

    private static AnimeCard card(int id) {
        return card(id, "TV", List.of("Action"), 7.0, 1000L, "Finished Airing", List.of());
    }

    private static final UserList LIST = new UserList("u", List.of(new UserList.Entry(1, "completed", 9),
            new UserList.Entry(2, "dropped", 2), new UserList.Entry(3, "plan_to_watch", 0),
            new UserList.Entry(4, "on_hold", 0)));

    @Test
    void listFiltersHideWatchedDroppedAndPlanned() {
        Filters.Predicate defaults = Filters.defaults().forUser(LIST, Set.of());
        assertThat(defaults.keeps(card(1))).isFalse();
        assertThat(defaults.keeps(card(2))).isFalse();
        assertThat(defaults.keeps(card(3))).isTrue();
        assertThat(defaults.keeps(card(4))).as("on hold counts as watched").isFalse();
        Filters planned = new Filters(false, false, true, false, null, null, null, null, null, null, null);
        assertThat(planned.forUser(LIST, Set.of()).keeps(card(3))).isFalse();
        assertThat(planned.forUser(LIST, Set.of()).keeps(card(1))).isTrue();
        assertThat(defaults.keeps(card(9))).isTrue();
        assertThat(Filters.defaults().forUser(LIST, Set.of(9)).keeps(card(9))).as("hidden by feedback").isFalse();
    }

    @Test
    void sequelsOfUnseenSeasonsAreHiddenByDefault() {
        Filters.Predicate defaults = Filters.defaults().forUser(LIST, Set.of());
        assertThat(defaults.keeps(card(10, "TV", List.of(), 7.0, 1L, null, List.of(1)))).as("prequel completed").isTrue();
        assertThat(defaults.keeps(card(12, "TV", List.of(), 7.0, 1L, null, List.of(4)))).as("prequel on hold").isTrue();
        assertThat(defaults.keeps(card(11, "TV", List.of(), 7.0, 1L, null, List.of(3)))).as("prequel planned").isFalse();
        assertThat(defaults.keeps(card(13, "TV", List.of(), 7.0, 1L, null, List.of(1, 99)))).as("one prequel unseen")
                .isFalse();
        assertThat(defaults.keeps(card(14, "TV", List.of(), 7.0, 1L, null, List.of(99)))).as("prequel not on the list")
                .isFalse();
        assertThat(Filters.defaults().forUser(null, Set.of()).keeps(card(14, "TV", List.of(), 7.0, 1L, null,
                List.of(99)))).as("no list: nothing seen").isFalse();
        Filters sequelsToo = new Filters(true, true, false, false, null, null, null, null, null, null, null);
        assertThat(sequelsToo.forUser(LIST, Set.of()).keeps(card(11, "TV", List.of(), 7.0, 1L, null, List.of(3))))
                .isTrue();
    }

    @Test
    void anAnimeOnTheListWithoutAStatusIsAlwaysLeftOut() {
        UserList list = new UserList("u", List.of(new UserList.Entry(7, null, 0)));
        Filters nothingHidden = new Filters(false, false, false, false, null, null, null, null, null, null, null);
        assertThat(nothingHidden.forUser(list, Set.of()).keeps(card(7))).isFalse();
        assertThat(nothingHidden.forUser(list, Set.of()).keeps(card(8))).isTrue();
    }

    @Test
    void cardFiltersMatchCaseInsensitivelyAndIncludeThemes() {
        Filters filters = new Filters(true, true, false, false, Set.of("GORE", "comedy"), Set.of("Horror"),
                Set.of("tv"), Set.of(), 6.5, 500L, Set.of("finished"));
        Filters.Predicate keep = filters.forUser(null, Set.of());
        assertThat(keep.keeps(card(20))).isTrue();
        assertThat(keep.keeps(card(21, "Movie", List.of("Action"), 7.0, 1000L, "Finished Airing", List.of())))
                .isFalse();
        assertThat(keep.keeps(card(22, "TV", List.of("Horror"), 7.0, 1000L, "Finished Airing", List.of()))).isFalse();
        assertThat(keep.keeps(card(23, "TV", List.of("Action"), 6.0, 1000L, "Finished Airing", List.of()))).isFalse();
        assertThat(keep.keeps(card(24, "TV", List.of("Action"), null, 1000L, "Finished Airing", List.of()))).isFalse();
        assertThat(keep.keeps(card(25, "TV", List.of("Action"), 7.0, 100L, "Finished Airing", List.of()))).isFalse();
        assertThat(keep.keeps(card(26, "TV", List.of("Action"), 7.0, 1000L, "Currently Airing", List.of())))
                .isFalse();
    }

    @Test
    void badFilterValuesAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> new Filters(true, true, false, false, Set.of("<script>"), null, null, null, null,
                null, null)).isInstanceOf(BadRequestException.class).message().doesNotContain("<script>");
        assertThatThrownBy(() -> new Filters(true, true, false, false, null, null, null, null, Double.NaN, null,
                null)).hasMessageContaining("between 0 and 10");
        assertThatThrownBy(() -> new Filters(true, true, false, false, null, null, null, null, null, -1L, null))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new Filters(true, true, false, false, null, null, null, null, null, null,
                Set.of("soon"))).hasMessageContaining("finished, airing, upcoming");
    }

    @Test
    void usernamesFollowMalRules() {
        assertThat(Usernames.validate("Ab")).isEqualTo("Ab");
        assertThat(Usernames.validate("snip-snip_16char")).isEqualTo("snip-snip_16char");
        for (String bad : new String[] {null, "", "a", "seventeen_chars_x", "a b", "ü-user", "<b>", "a/b"}) {
            assertThatThrownBy(() -> Usernames.validate(bad)).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void theDrawTakesKOfTheFirstFromShowsThemInRankOrderAndRepeatsWithTheSeed() {
        List<RecommendationPage.Recommendation> ranked = new ArrayList<>();
        for (int rank = 1; rank <= 50; rank++) {
            ranked.add(new RecommendationPage.Recommendation(card(rank), rank, 1.0 / rank, List.of(), null));
        }
        List<RecommendationPage.Recommendation> drawn = RecommendationService.draw(ranked, 5, 20, 42);
        assertThat(drawn).hasSize(5).allMatch(item -> item.rank() <= 20).isSortedAccordingTo(
                java.util.Comparator.comparingInt(RecommendationPage.Recommendation::rank));
        assertThat(RecommendationService.draw(ranked, 5, 20, 42)).isEqualTo(drawn);
        assertThat(RecommendationService.draw(ranked, 5, 20, 43)).isNotEqualTo(drawn);
        assertThat(RecommendationService.draw(ranked.subList(0, 3), 5, 20, 1)).hasSize(3);
        assertThat(RecommendationService.draw(ranked, 20, 20, 1)).extracting(RecommendationPage.Recommendation::rank)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }
}
