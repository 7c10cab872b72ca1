package dev.animerec.batch.etl;

import dev.animerec.batch.importer.LandingWriter;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.items.FavoriteItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.Item;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import dev.animerec.items.RelatedAnimeItem;
import java.time.Instant;
import java.util.List;

/** Hand-made landing data for the ETL tests. */
final class Landing {

    static final Instant T0 = Instant.parse("2023-01-10T00:00:00Z");

    private Landing() {
    }

    static void write(WarehousePaths paths, String stem, List<? extends Item> items) {
        try (LandingWriter writer = new LandingWriter(paths, stem)) {
            items.forEach(writer::write);
        }
    }

    static AnimeItem anime(int id, Integer episodes, String status) {
        return AnimeItem.builder("https://myanimelist.net/anime/" + id, T0, id, "Anime " + id)
                .episodes(episodes).status(status).build();
    }

    static AnimeItem anime(int id, Integer episodes, String status, Instant crawled, String title) {
        return AnimeItem.builder("https://myanimelist.net/anime/" + id, crawled, id, title)
                .episodes(episodes).status(status).build();
    }

    static ProfileItem user(String name) {
        return ProfileItem.builder("https://myanimelist.net/profile/" + name, T0, name).build();
    }

    static AnimeListEntryItem entry(String user, int animeId, ListStatus status, int score, Integer progress) {
        return entry(user, animeId, status, score, progress, T0);
    }

    static AnimeListEntryItem entry(String user, int animeId, ListStatus status, int score, Integer progress,
                                    Instant crawled) {
        return AnimeListEntryItem.of("https://myanimelist.net/animelist/" + user, crawled, user, animeId, status, score,
                progress, null, null, null, null);
    }

    static FavoriteItem favorite(String user, int animeId) {
        return FavoriteItem.of("https://myanimelist.net/profile/" + user, T0, user, animeId, null, 0);
    }

    static RelatedAnimeItem related(int animeId, int otherId) {
        return RelatedAnimeItem.of("https://myanimelist.net/anime/" + animeId, T0, animeId, otherId, "sequel", null, 0);
    }

    static AnimeRecommendationItem recommendation(int animeId, int otherId, int recommenders) {
        return AnimeRecommendationItem.of("https://myanimelist.net/anime/" + animeId + "/x/userrecs", T0, animeId,
                otherId, null, null, recommenders);
    }

    static FriendItem friend(String user, String friend) {
        return FriendItem.of("https://myanimelist.net/profile/" + user + "/friends", T0, user, friend, null, null);
    }
}
