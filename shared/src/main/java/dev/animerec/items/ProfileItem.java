package dev.animerec.items;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** A user's profile page: activity counts and anime statistics. */
@Doc("A MAL user profile")
public record ProfileItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Required String username,
        Long userId,
        Instant lastOnline,
        LocalDate joined,
        String gender,
        String location,
        Integer forumPosts,
        Integer reviews,
        Integer recommendations,
        Integer blogPosts,
        Double daysWatched,
        Double meanScore,
        Integer watching,
        Integer completed,
        Integer onHold,
        Integer dropped,
        Integer planToWatch,
        Integer totalEntries,
        Integer rewatched,
        Long episodesWatched,
        List<ClubRef> clubs) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public ProfileItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.required(username, "username");
        Checks.nonNegative(daysWatched, "days_watched");
        Checks.range(meanScore, 0.0, 10.0, "mean_score");
        clubs = Checks.list(clubs);
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.PROFILE, crawlDate, username);
    }

    public static Builder builder(String url, Instant crawlDate, String username) {
        return new Builder(url, crawlDate, username);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.PROFILE;
    }

    @Override
    public String naturalKey() {
        return username.toLowerCase(Locale.ROOT);
    }

    /** Profiles are filled field by field from a page or an API answer. */
    public static final class Builder {
        private final String url;
        private final Instant crawlDate;
        private final String username;
        private Long userId;
        private Instant lastOnline;
        private LocalDate joined;
        private String gender;
        private String location;
        private Integer forumPosts;
        private Integer reviews;
        private Integer recommendations;
        private Integer blogPosts;
        private Double daysWatched;
        private Double meanScore;
        private Integer watching;
        private Integer completed;
        private Integer onHold;
        private Integer dropped;
        private Integer planToWatch;
        private Integer totalEntries;
        private Integer rewatched;
        private Long episodesWatched;
        private List<ClubRef> clubs;

        private Builder(String url, Instant crawlDate, String username) {
            this.url = url;
            this.crawlDate = crawlDate;
            this.username = username;
        }

        public Builder userId(Long v) { this.userId = v; return this; }
        public Builder lastOnline(Instant v) { this.lastOnline = v; return this; }
        public Builder joined(LocalDate v) { this.joined = v; return this; }
        public Builder gender(String v) { this.gender = v; return this; }
        public Builder location(String v) { this.location = v; return this; }
        public Builder forumPosts(Integer v) { this.forumPosts = v; return this; }
        public Builder reviews(Integer v) { this.reviews = v; return this; }
        public Builder recommendations(Integer v) { this.recommendations = v; return this; }
        public Builder blogPosts(Integer v) { this.blogPosts = v; return this; }
        public Builder daysWatched(Double v) { this.daysWatched = v; return this; }
        public Builder meanScore(Double v) { this.meanScore = v; return this; }
        public Builder watching(Integer v) { this.watching = v; return this; }
        public Builder completed(Integer v) { this.completed = v; return this; }
        public Builder onHold(Integer v) { this.onHold = v; return this; }
        public Builder dropped(Integer v) { this.dropped = v; return this; }
        public Builder planToWatch(Integer v) { this.planToWatch = v; return this; }
        public Builder totalEntries(Integer v) { this.totalEntries = v; return this; }
        public Builder rewatched(Integer v) { this.rewatched = v; return this; }
        public Builder episodesWatched(Long v) { this.episodesWatched = v; return this; }
        public Builder clubs(List<ClubRef> v) { this.clubs = v; return this; }

        public ProfileItem build() {
            return new ProfileItem(null, 0, url, crawlDate, username, userId, lastOnline, joined, gender, location,
                    forumPosts, reviews, recommendations, blogPosts, daysWatched, meanScore, watching, completed,
                    onHold, dropped, planToWatch, totalEntries, rewatched, episodesWatched, clubs);
        }
    }
}
