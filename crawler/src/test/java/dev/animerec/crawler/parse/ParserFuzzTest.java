package dev.animerec.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.jikan.JikanAnimeParser;
import dev.animerec.crawler.jikan.JikanFriendsParser;
import dev.animerec.crawler.jikan.JikanReviewsParser;
import dev.animerec.crawler.jikan.JikanStatisticsParser;
import dev.animerec.crawler.jikan.JikanUserParser;
import dev.animerec.crawler.mal.AnimeMainPageParser;
import dev.animerec.crawler.mal.AnimeRecommendationsPageParser;
import dev.animerec.crawler.mal.AnimeReviewsPageParser;
import dev.animerec.crawler.mal.AnimeStatsPageParser;
import dev.animerec.crawler.mal.FriendsPageParser;
import dev.animerec.crawler.mal.ProfilePageParser;
import dev.animerec.crawler.malapi.MalApiAnimeParser;
import dev.animerec.crawler.userlist.LoadJsonPageParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing: each parser gets its real fixture truncated, with lines shuffled, with junk
 * injected, with spans deleted or duplicated, and with numbers replaced. Every run must end in items or a
 * {@link ParseException}; anything else thrown fails the test. Html seeds lose their scripts and
 * indentation and long JSON lists are cut, so 10,000+ runs stay within seconds.
 */
class ParserFuzzTest {

    private static final Instant NOW = Instant.parse("2023-01-05T10:00:00Z");
    private static final String[] JUNK = {"<", ">", "\"", "{", "}", "[", "]", ",", ":", "-1", "999999999999",
            "NaN", "null", "</table>", "<tr><td class=\"score-label\">x</td>", "<span class=\"dark_text\">Type:</span>",
            "\u0000", "\uFFFF", "&#0;", "<a href=\"/anime/0/x\">", "<a href=\"/profile/\">", "1e309", "\"abc\"",
            "<div class=\"borderDark\">", "<span id=\"rhelp\">", "/recommendations/anime/1-2-3",
            "<div class=\"review-element\">", "Friends since ", "<div class=\"boxlist\">", "<div class=\"friendBlock\">"};

    interface Target {
        void parse(String body) throws ParseException;
    }

    private record Case(String name, String seed, Target target) {
    }

    @Test
    void tenThousandMutatedFixturesOnlyEverThrowParseException() {
        List<Case> cases = List.of(
                new Case("mal main", Fixtures.read("mal/anime_49827_details.html"),
                        b -> new AnimeMainPageParser().parse(b, "https://myanimelist.net/anime/49827", NOW)),
                new Case("mal stats", Fixtures.read("mal/anime_49827_stats.html"),
                        b -> new AnimeStatsPageParser().parse(b, "https://myanimelist.net/anime/49827/x/stats")),
                new Case("mal recs", Fixtures.read("mal/anime_28891_recomendations.html"),
                        b -> new AnimeRecommendationsPageParser().parse(b, "https://myanimelist.net/anime/28891/x", NOW)),
                new Case("mal reviews", Fixtures.read("mal/anime_5_2021_reviews_1.html"),
                        b -> new AnimeReviewsPageParser().parse(b, "https://myanimelist.net/anime/5/x", NOW)),
                new Case("mal reviews 2022", Fixtures.read("mal-jikan-fixtures/anime_1_reviews_2022_layout_excerpt.html"),
                        b -> new AnimeReviewsPageParser().parse(b, "https://myanimelist.net/anime/1/x/reviews", NOW)),
                new Case("mal profile", Fixtures.read("mal/profile_Elizi.html"),
                        b -> new ProfilePageParser().parse(b, "https://myanimelist.net/profile/Elizi", NOW)),
                new Case("mal profile 2023", Fixtures.read("mal-jikan-fixtures/profile_sandshark_2023_excerpt.html"),
                        b -> new ProfilePageParser().parse(b, "https://myanimelist.net/profile/sandshark", NOW)),
                new Case("mal friends 2023", Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html"),
                        b -> new FriendsPageParser().parse(b, "https://myanimelist.net/profile/morshuwarrior/friends", NOW)),
                new Case("mal friends 2018", Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2018_excerpt.html"),
                        b -> new FriendsPageParser().parse(b, "https://myanimelist.net/profile/morshuwarrior/friends", NOW)),
                new Case("load.json", Fixtures.read("mal/animelist_load_json_reltats_offset0.json"),
                        b -> new LoadJsonPageParser().parse(b, "u", "reltats", NOW)),
                new Case("jikan anime", Fixtures.read("jikan/anime-success.json"),
                        b -> new JikanAnimeParser().parse(b, "u", NOW).build()),
                new Case("jikan stats", Fixtures.read("jikan/getAnimeStatistics.json"),
                        b -> new JikanStatisticsParser().parse(b)),
                new Case("jikan reviews", Fixtures.read("jikan/getAnimeReviews.json"),
                        b -> new JikanReviewsParser().parse(b, "u", 1, NOW)),
                new Case("jikan user", Fixtures.read("jikan/user-success.json"),
                        b -> new JikanUserParser().parse(b, "u", NOW)),
                new Case("jikan friends", Fixtures.read("jikan/user-friends-success.json"),
                        b -> new JikanFriendsParser().parse(b, "u", "x", NOW)),
                new Case("mal api anime", dev.animerec.crawler.malapi.MalApiParsersTest.ANIME,
                        b -> new MalApiAnimeParser().parse(b, "u", NOW)));
        Random random = new Random(20240601L);
        int runs = 0;
        int parseErrors = 0;
        List<String> uncaught = new ArrayList<>();
        for (Case c : cases) {
            String seed = compact(c.seed());
            // Html pages cost milliseconds to parse, JSON answers microseconds: share the runs accordingly.
            int perCase = seed.startsWith("<") ? 100 : 1_360;
            for (int i = 0; i < perCase; i++) {
                String mutated = mutate(seed, random);
                runs++;
                try {
                    c.target().parse(mutated);
                } catch (ParseException e) {
                    parseErrors++;
                    assertThat(e.field()).isNotBlank();
                } catch (Throwable t) {
                    uncaught.add(c.name() + " #" + i + ": " + t);
                }
            }
        }
        assertThat(uncaught).as("uncaught exceptions").isEmpty();
        assertThat(runs).isGreaterThanOrEqualTo(10_000);
        // The mutations must actually break pages, or the test proves nothing.
        assertThat(parseErrors).isGreaterThan(runs / 10);
    }

    /**
     * The recorded html without scripts, comments and the prettifier's indentation, and JSON lists cut to
     * their first entries: the same structure in a fraction of the bytes.
     */
    static String compact(String seed) {
        String s = seed.trim();
        if (s.startsWith("<")) {
            return s.replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("\\n\\s+", "\n");
        }
        if (s.startsWith("[") && s.length() > 20_000) {
            int cut = s.indexOf("},{", 15_000);
            return cut < 0 ? s : s.substring(0, cut + 1) + "]";
        }
        return s;
    }

    static String mutate(String seed, Random random) {
        String s = seed;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(6)) {
                case 0 -> s = s.substring(0, random.nextInt(s.length() + 1));
                case 1 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    for (int k = 0; k < 1 + random.nextInt(20) && lines.size() > 1; k++) {
                        int a = random.nextInt(lines.size());
                        int b = random.nextInt(lines.size());
                        String t = lines.get(a);
                        lines.set(a, lines.get(b));
                        lines.set(b, t);
                    }
                    s = String.join("\n", lines);
                }
                case 2 -> {
                    int at = random.nextInt(s.length() + 1);
                    s = s.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + s.substring(at);
                }
                case 3 -> {
                    int from = random.nextInt(s.length() + 1);
                    int to = Math.min(s.length(), from + random.nextInt(2000));
                    s = s.substring(0, from) + s.substring(to);
                }
                case 4 -> {
                    int from = random.nextInt(s.length() + 1);
                    int to = Math.min(s.length(), from + random.nextInt(500));
                    s = s.substring(0, to) + s.substring(from, to) + s.substring(to);
                }
                default -> s = s.replaceFirst("\\d+", String.valueOf(random.nextInt() * (random.nextBoolean() ? 1 : -1)));
            }
            if (s.isEmpty()) {
                break;
            }
        }
        return s;
    }
}
