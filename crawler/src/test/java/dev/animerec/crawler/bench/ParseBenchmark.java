package dev.animerec.crawler.bench;

import dev.animerec.bench.BenchFigures;
import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.jikan.JikanAnimeParser;
import dev.animerec.crawler.jikan.JikanUserParser;
import dev.animerec.crawler.mal.AnimeMainPageParser;
import dev.animerec.crawler.mal.AnimeRecommendationsPageParser;
import dev.animerec.crawler.mal.AnimeReviewsPageParser;
import dev.animerec.crawler.mal.AnimeStatsPageParser;
import dev.animerec.crawler.mal.FriendsPageParser;
import dev.animerec.crawler.mal.ProfilePageParser;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.userlist.LoadJsonPageParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parse throughput per page kind on one thread (one core), over the recorded fixtures:
 * {@code mvn -B -o -pl crawler -Pbench test-compile exec:exec}, in a JVM of its own (inside Maven's JVM the
 * same loop measured several times slower). Arguments: seconds measured per kind (3), seconds of warm-up
 * per kind (3: on a loaded machine the JIT needs that long). Prints pages/s per kind.
 */
public final class ParseBenchmark {

    interface Parse {
        Object run() throws ParseException;
    }

    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2023-01-05T10:00:00Z");
        String main = Fixtures.read("mal/anime_49827_details.html");
        String stats = Fixtures.read("mal/anime_49827_stats.html");
        String recs = Fixtures.read("mal/anime_28891_recomendations.html");
        String reviews = Fixtures.read("mal/anime_5_2021_reviews_1.html");
        String profile = Fixtures.read("mal/profile_Elizi.html");
        String loadJson = Fixtures.read("mal/animelist_load_json_reltats_offset0.json");
        String reviews2022 = Fixtures.read("mal-jikan-fixtures/anime_1_reviews_2022_layout_excerpt.html");
        String profile2023 = Fixtures.read("mal-jikan-fixtures/profile_sandshark_2023_excerpt.html");
        String friends2023 = Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html");
        String friends2018 = Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2018_excerpt.html");
        String friendsUrl = "https://myanimelist.net/profile/morshuwarrior/friends";
        String jikanAnime = Fixtures.read("jikan/anime-success.json");
        String jikanUser = Fixtures.read("jikan/user-success.json");
        Map<String, Parse> kinds = new LinkedHashMap<>();
        kinds.put("mal anime main page (185 KB)", () -> new AnimeMainPageParser().parse(main, "https://myanimelist.net/anime/49827", now));
        kinds.put("mal anime stats page (134 KB)", () -> new AnimeStatsPageParser().parse(stats, "https://myanimelist.net/anime/49827/x/stats"));
        kinds.put("mal recommendations page (102 KB)", () -> new AnimeRecommendationsPageParser().parse(recs, "https://myanimelist.net/anime/28891/x/userrecs", now));
        kinds.put("mal reviews page (223 KB)", () -> new AnimeReviewsPageParser().parse(reviews, "https://myanimelist.net/anime/5/x/reviews", now));
        kinds.put("mal profile page (80 KB)", () -> new ProfilePageParser().parse(profile, "https://myanimelist.net/profile/Elizi", now));
        kinds.put("mal reviews 2022+ on a whole page (185 KB, 3 reviews)", () -> new AnimeReviewsPageParser().parse(main, "https://myanimelist.net/anime/49827/x/reviews", now));
        kinds.put("mal reviews 2022+ (11 KB excerpt, 2 reviews)", () -> new AnimeReviewsPageParser().parse(reviews2022, "https://myanimelist.net/anime/1/x/reviews", now));
        kinds.put("mal profile 2023 (19 KB excerpt)", () -> new ProfilePageParser().parse(profile2023, "https://myanimelist.net/profile/sandshark", now));
        kinds.put("mal friends 2023 (8 KB excerpt, 10 friends)", () -> new FriendsPageParser().parse(friends2023, friendsUrl, now));
        kinds.put("mal friends 2018 (5 KB excerpt, 10 friends)", () -> new FriendsPageParser().parse(friends2018, friendsUrl, now));
        kinds.put("mal load.json (220 KB, 263 entries)", () -> new LoadJsonPageParser().parse(loadJson, "u", "reltats", now));
        kinds.put("jikan anime (7 KB)", () -> new JikanAnimeParser().parse(jikanAnime, "u", now));
        kinds.put("jikan user full (18 KB)", () -> new JikanUserParser().parse(jikanUser, "u", now));
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        System.out.printf("%-40s %10s %12s%n", "page kind", "pages", "pages/s");
        BenchFigures figures = new BenchFigures();
        for (Map.Entry<String, Parse> kind : kinds.entrySet()) {
            long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
            while (System.nanoTime() < warmupEnd) {
                kind.getValue().run();
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int pages = 0;
            while (System.nanoTime() < end) {
                kind.getValue().run();
                pages++;
            }
            double rate = pages / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%-40s %10d %12.1f%n", kind.getKey(), pages, rate);
            figures.add(kind.getKey(), rate, "pages/s");
        }
        figures.writeIfRequested();
    }
}
