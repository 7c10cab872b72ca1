package dev.animerec.batch.etl;

import static dev.animerec.batch.etl.Landing.anime;
import static dev.animerec.batch.etl.Landing.entry;
import static dev.animerec.batch.etl.Landing.favorite;
import static dev.animerec.batch.etl.Landing.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.Item;
import dev.animerec.items.ListStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One hand-made minimal case per filtering rule of SYSTEM.md section 3, with the exact rows expected. */
class EtlFilterRulesTest {

    @TempDir
    Path home;
    private WarehousePaths paths;
    private DuckDbWarehouse warehouse;
    private EtlStages stages;

    @BeforeEach
    void open() {
        paths = WarehousePaths.under(home);
        warehouse = new DuckDbWarehouse(paths);
        stages = new EtlStages(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    /** A finished 12-episode anime (1), an airing one (2), a not-yet-aired one (3), and user "alice". */
    private List<Item> base() {
        return new ArrayList<>(List.of(anime(1, 12, "Finished Airing"), anime(2, 24, "Currently Airing"),
                anime(3, null, "Not yet aired"), user("alice")));
    }

    private Map<String, Long> run(List<Item> items) {
        Landing.write(paths, "test", items);
        stages.staging();
        stages.merge();
        return stages.filter();
    }

    private List<String> userAnime() {
        return warehouse.query("SELECT username || '/' || anime_id || '/' || status AS row"
                + " FROM work.user_anime_filtered ORDER BY ALL", 100).stream().map(r -> (String) r.get("row")).toList();
    }

    @Test
    void dropsPairsWithUnknownAnimeOrUser() {
        List<Item> items = base();
        items.add(entry("alice", 1, ListStatus.COMPLETED, 8, 12));
        items.add(entry("alice", 999, ListStatus.COMPLETED, 8, 12));
        items.add(entry("bob", 1, ListStatus.COMPLETED, 8, 12));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).containsExactly("alice/1/completed");
        assertThat(affected.get("user_anime.unknown_anime_or_user")).isEqualTo(2);
    }

    @Test
    void dropsCompletedOnAnAnimeStillAiring() {
        List<Item> items = base();
        items.add(entry("alice", 2, ListStatus.COMPLETED, 9, 24));
        items.add(entry("alice", 1, ListStatus.COMPLETED, 9, 12));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).containsExactly("alice/1/completed");
        assertThat(affected.get("user_anime.completed_while_airing")).isEqualTo(1);
    }

    @Test
    void dropsAnythingButPlanToWatchOnANotYetAiredAnime() {
        List<Item> items = base();
        items.add(entry("alice", 3, ListStatus.WATCHING, 0, 1));
        Map<String, Long> first = run(items);
        assertThat(userAnime()).isEmpty();
        assertThat(first.get("user_anime.watched_before_airing")).isEqualTo(1);
    }

    @Test
    void keepsPlanToWatchOnANotYetAiredAnime() {
        List<Item> items = base();
        items.add(entry("alice", 3, ListStatus.PLAN_TO_WATCH, 0, 0));
        run(items);
        assertThat(userAnime()).containsExactly("alice/3/plan_to_watch");
    }

    @Test
    void dropsPlanToWatchWithProgressScoreOrFavorite() {
        List<Item> items = base();
        items.add(anime(4, 10, "Finished Airing"));
        items.add(anime(5, 10, "Finished Airing"));
        items.add(anime(6, 10, "Finished Airing"));
        items.add(entry("alice", 1, ListStatus.PLAN_TO_WATCH, 0, 0));
        items.add(entry("alice", 4, ListStatus.PLAN_TO_WATCH, 0, 3));
        items.add(entry("alice", 5, ListStatus.PLAN_TO_WATCH, 7, 0));
        items.add(entry("alice", 6, ListStatus.PLAN_TO_WATCH, 0, 0));
        items.add(favorite("alice", 6));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).containsExactly("alice/1/plan_to_watch");
        assertThat(affected.get("user_anime.plan_to_watch_with_activity")).isEqualTo(3);
    }

    @Test
    void dropsNoProgressThatIsNotPlanToWatch() {
        List<Item> items = base();
        items.add(entry("alice", 1, ListStatus.DROPPED, 3, 0));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).isEmpty();
        assertThat(affected.get("user_anime.no_progress_not_plan_to_watch")).isEqualTo(1);
    }

    @Test
    void noStatusAndNoProgressBecomesPlanToWatch() {
        List<Item> items = base();
        items.add(entry("alice", 1, null, 0, 0));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).containsExactly("alice/1/plan_to_watch");
        assertThat(affected.get("user_anime.no_status_no_progress_becomes_plan_to_watch")).isEqualTo(1);
    }

    @Test
    void noStatusAndFullProgressBecomesCompleted() {
        List<Item> items = base();
        items.add(entry("alice", 1, null, 9, 12));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).containsExactly("alice/1/completed");
        assertThat(affected.get("user_anime.no_status_full_progress_becomes_completed")).isEqualTo(1);
    }

    @Test
    void dropsNoStatusWithPartialProgress() {
        List<Item> items = base();
        items.add(entry("alice", 1, null, 0, 5));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).isEmpty();
        assertThat(affected.get("user_anime.status_still_unknown")).isEqualTo(1);
    }

    @Test
    void dropsFullProgressThatIsNotCompleted() {
        List<Item> items = base();
        items.add(entry("alice", 1, ListStatus.WATCHING, 0, 12));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).isEmpty();
        assertThat(affected.get("user_anime.full_progress_not_completed")).isEqualTo(1);
    }

    @Test
    void dropsProgressBeyondEpisodes() {
        List<Item> items = base();
        items.add(entry("alice", 1, ListStatus.COMPLETED, 0, 13));
        Map<String, Long> affected = run(items);
        assertThat(userAnime()).isEmpty();
        assertThat(affected.get("user_anime.progress_beyond_episodes")).isEqualTo(1);
    }

    @Test
    void episodeRulesDoNotApplyWhenTheEpisodeCountIsUnknown() {
        List<Item> items = base();
        items.add(anime(7, null, "Finished Airing"));
        items.add(entry("alice", 7, ListStatus.WATCHING, 6, 40));
        run(items);
        assertThat(userAnime()).containsExactly("alice/7/watching");
    }

    @Test
    void dropsAnimePairsAndFriendshipsWithUnknownEnds() {
        List<Item> items = base();
        items.add(user("bob"));
        items.add(Landing.related(1, 2));
        items.add(Landing.related(1, 999));
        items.add(Landing.recommendation(2, 1, 5));
        items.add(Landing.friend("alice", "bob"));
        items.add(Landing.friend("alice", "carol"));
        Map<String, Long> affected = run(items);
        assertThat(warehouse.query("SELECT anime_id || '>' || other_anime_id || ':' || source AS row"
                + " FROM work.anime_anime_filtered ORDER BY ALL", 10).stream().map(r -> r.get("row")))
                .containsExactly("1>2:related", "2>1:recommendation");
        assertThat(warehouse.query("SELECT username || '>' || friend_username AS row FROM work.user_user_filtered",
                10).stream().map(r -> r.get("row"))).containsExactly("alice>bob");
        assertThat(affected.get("anime_anime.unknown_anime")).isEqualTo(1);
        assertThat(affected.get("user_user.unknown_user")).isEqualTo(1);
    }

    @Test
    void stagingKeepsTheLatestCrawlOfEachEntityAndPair() {
        List<Item> items = base();
        items.add(anime(1, 12, "Finished Airing", Landing.T0.plusSeconds(3600), "Renamed"));
        items.add(entry("alice", 1, ListStatus.WATCHING, 0, 3, Landing.T0));
        items.add(entry("ALICE", 1, ListStatus.COMPLETED, 10, 12, Landing.T0.plusSeconds(60)));
        run(items);
        assertThat(warehouse.query("SELECT title FROM work.anime WHERE anime_id = 1", 5))
                .containsExactly(Map.of("title", "Renamed"));
        assertThat(userAnime()).containsExactly("ALICE/1/completed");
    }
}
