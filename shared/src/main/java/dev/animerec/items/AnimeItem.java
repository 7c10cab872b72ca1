package dev.animerec.items;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An anime's main page with its statistics, pictures and clubs. */
@Doc("An anime: main info, statistics with per-score counts, pictures and clubs")
public record AnimeItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Doc("MAL anime id") int animeId,
        @Required String title,
        String titleEnglish,
        String titleJapanese,
        String synopsis,
        @Doc("Main picture url") String mainPicture,
        @Doc("TV, Movie, OVA, ONA, Special, Music") String type,
        @Doc("Manga, Original, Light novel...") String source,
        Integer episodes,
        @Doc("Finished Airing, Currently Airing, Not yet aired") String status,
        LocalDate airedFrom,
        LocalDate airedTo,
        @Doc("winter, spring, summer, fall") String season,
        Integer seasonYear,
        List<String> studios,
        List<String> genres,
        List<String> themes,
        @Doc("Age rating, e.g. PG-13") String rating,
        @Doc("MAL mean score") Double score,
        @Doc("Users who scored it") Long scoredBy,
        @Doc("Rank by score") Integer rank,
        @Doc("Rank by members") Integer popularity,
        Long members,
        Long favorites,
        AnimeStatistics statistics,
        List<String> pictures,
        List<ClubRef> clubs) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public AnimeItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.positiveId(animeId, "anime_id");
        Checks.required(title, "title");
        Checks.nonNegative(episodes, "episodes");
        Checks.range(score, 0.0, 10.0, "score");
        Checks.nonNegative(scoredBy, "scored_by");
        Checks.nonNegative(members, "members");
        Checks.nonNegative(favorites, "favorites");
        studios = Checks.list(studios);
        genres = Checks.list(genres);
        themes = Checks.list(themes);
        pictures = Checks.list(pictures);
        clubs = Checks.list(clubs);
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.ANIME, crawlDate, animeId);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.ANIME;
    }

    @Override
    public String naturalKey() {
        return String.valueOf(animeId);
    }

    public static Builder builder(String url, Instant crawlDate, int animeId, String title) {
        return new Builder(url, crawlDate, animeId, title);
    }

    /** The parsers fill an anime field by field; the builder keeps that readable. */
    public static final class Builder {
        private final String url;
        private final Instant crawlDate;
        private final int animeId;
        private final String title;
        private String titleEnglish;
        private String titleJapanese;
        private String synopsis;
        private String mainPicture;
        private String type;
        private String source;
        private Integer episodes;
        private String status;
        private LocalDate airedFrom;
        private LocalDate airedTo;
        private String season;
        private Integer seasonYear;
        private List<String> studios;
        private List<String> genres;
        private List<String> themes;
        private String rating;
        private Double score;
        private Long scoredBy;
        private Integer rank;
        private Integer popularity;
        private Long members;
        private Long favorites;
        private AnimeStatistics statistics;
        private List<String> pictures;
        private List<ClubRef> clubs;

        private Builder(String url, Instant crawlDate, int animeId, String title) {
            this.url = url;
            this.crawlDate = crawlDate;
            this.animeId = animeId;
            this.title = title;
        }

        public Builder titleEnglish(String v) { this.titleEnglish = v; return this; }
        public Builder titleJapanese(String v) { this.titleJapanese = v; return this; }
        public Builder synopsis(String v) { this.synopsis = v; return this; }
        public Builder mainPicture(String v) { this.mainPicture = v; return this; }
        public Builder type(String v) { this.type = v; return this; }
        public Builder source(String v) { this.source = v; return this; }
        public Builder episodes(Integer v) { this.episodes = v; return this; }
        public Builder status(String v) { this.status = v; return this; }
        public Builder airedFrom(LocalDate v) { this.airedFrom = v; return this; }
        public Builder airedTo(LocalDate v) { this.airedTo = v; return this; }
        public Builder season(String v) { this.season = v; return this; }
        public Builder seasonYear(Integer v) { this.seasonYear = v; return this; }
        public Builder studios(List<String> v) { this.studios = v; return this; }
        public Builder genres(List<String> v) { this.genres = v; return this; }
        public Builder themes(List<String> v) { this.themes = v; return this; }
        public Builder rating(String v) { this.rating = v; return this; }
        public Builder score(Double v) { this.score = v; return this; }
        public Builder scoredBy(Long v) { this.scoredBy = v; return this; }
        public Builder rank(Integer v) { this.rank = v; return this; }
        public Builder popularity(Integer v) { this.popularity = v; return this; }
        public Builder members(Long v) { this.members = v; return this; }
        public Builder favorites(Long v) { this.favorites = v; return this; }
        public Builder statistics(AnimeStatistics v) { this.statistics = v; return this; }
        public Builder pictures(List<String> v) { this.pictures = v; return this; }
        public Builder clubs(List<ClubRef> v) { this.clubs = v; return this; }

        public AnimeItem build() {
            return new AnimeItem(null, 0, url, crawlDate, animeId, title, titleEnglish, titleJapanese, synopsis,
                    mainPicture, type, source, episodes, status, airedFrom, airedTo, season, seasonYear, studios,
                    genres, themes, rating, score, scoredBy, rank, popularity, members, favorites, statistics,
                    pictures, clubs);
        }
    }
}
