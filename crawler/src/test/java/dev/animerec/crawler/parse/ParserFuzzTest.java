package dev.animerec.crawler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.jikan.JikanAnimeParser;
import dev.animerec.crawler.jikan.JikanFavoritesParser;
import dev.animerec.crawler.jikan.JikanFriendsParser;
import dev.animerec.crawler.jikan.JikanPicturesParser;
import dev.animerec.crawler.jikan.JikanRecommendationsParser;
import dev.animerec.crawler.jikan.JikanRelationsParser;
import dev.animerec.crawler.jikan.JikanReviewsParser;
import dev.animerec.crawler.jikan.JikanStatisticsParser;
import dev.animerec.crawler.jikan.JikanTopAnimeParser;
import dev.animerec.crawler.jikan.JikanUserParser;
import dev.animerec.crawler.jikan.JikanUserUpdatesParser;
import dev.animerec.crawler.mal.AnimeMainPageParser;
import dev.animerec.crawler.mal.AnimePicturesPageParser;
import dev.animerec.crawler.mal.AnimeRecommendationsPageParser;
import dev.animerec.crawler.mal.AnimeReviewsPageParser;
import dev.animerec.crawler.mal.AnimeStatsPageParser;
import dev.animerec.crawler.mal.FriendsPageParser;
import dev.animerec.crawler.mal.ProfilePageParser;
import dev.animerec.crawler.mal.UsersPageParser;
import dev.animerec.crawler.malapi.MalApiAnimeParser;
import dev.animerec.crawler.malapi.MalApiParsersTest;
import dev.animerec.crawler.malapi.MalApiUserListPageParser;
import dev.animerec.crawler.userlist.LoadJsonPageParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded mutation fuzzing of every parser the crawler has: each gets at least {@value #MIN_RUNS_PER_PARSER}
 * mutations of its real fixtures: as text (truncated, lines shuffled, junk injected, spans deleted or
 * duplicated, numbers replaced) and, for JSON answers, as valid JSON with values removed, retyped or out of
 * range (see {@link #mutateJsonValues}). Every run must end in a result or a {@link ParseException} naming the field it could not
 * read; anything else thrown, or a parse error that names no field, fails the parser's test.
 *
 * <p>The seed is printed for every parser; a failure names the seed and the mutation's index, and
 * {@code -Dfuzz.seed=<seed>} replays the exact run. Html seeds lose their scripts and indentation and long
 * JSON lists are cut, so the {@value #MIN_TOTAL_RUNS}+ runs stay within about half a minute.
 */
class ParserFuzzTest {

    static final int MIN_RUNS_PER_PARSER = 1_000;
    static final int MIN_TOTAL_RUNS = 25_000;
    /** JSON answers parse in microseconds, html pages in milliseconds: JSON parsers get more runs. */
    private static final int JSON_RUNS_PER_PARSER = 1_600;
    private static final long DEFAULT_SEED = 20240601L;
    private static final String USER = "https://myanimelist.net/profile/";
    private static final Instant NOW = Instant.parse("2023-01-05T10:00:00Z");
    private static final String[] JUNK = {"<", ">", "\"", "{", "}", "[", "]", ",", ":", "-1", "999999999999",
            "NaN", "null", "</table>", "<tr><td class=\"score-label\">x</td>", "<span class=\"dark_text\">Type:</span>",
            "\u0000", "\uFFFF", "&#0;", "<a href=\"/anime/0/x\">", "<a href=\"/profile/\">", "1e309", "\"abc\"",
            "<div class=\"borderDark\">", "<span id=\"rhelp\">", "/recommendations/anime/1-2-3",
            "<div class=\"review-element\">", "Friends since ", "<div class=\"boxlist\">", "<div class=\"friendBlock\">",
            "\"mal_id\": \"x\"", "\"mal_id\": -5", "\"data\": {}", "\"data\": null", "\"2023-13-45T99:00:00+00:00\"",
            "<a class=\"js-picture-gallery\" href=\"\">", "\"score\": 11", "\"status\": \"unknown\""};

    interface Target {
        void parse(String body) throws ParseException;
    }

    /** One parser and the real fixtures its mutations start from. */
    private record Parser(String name, List<String> fixtures, Target target) {
        Parser(String name, Target target, String... fixtures) {
            this(name, List.of(fixtures), target);
        }
    }

    private static List<Parser> parsers() {
        return List.of(
                new Parser("mal anime main page",
                        b -> new AnimeMainPageParser().parse(b, "https://myanimelist.net/anime/49827", NOW),
                        Fixtures.read("mal/anime_49827_details.html"), Fixtures.read("mal/anime_1_2021_details.html"),
                        Fixtures.read("mal/anime_upcoming_unknown_aired.html")),
                new Parser("mal anime stats page",
                        b -> new AnimeStatsPageParser().parse(b, "https://myanimelist.net/anime/49827/x/stats"),
                        Fixtures.read("mal/anime_49827_stats.html"), Fixtures.read("mal/anime_1_2021_stats.html")),
                new Parser("mal anime pictures page",
                        b -> new AnimePicturesPageParser().parse(b, "https://myanimelist.net/anime/49827/x/pics"),
                        Fixtures.read("mal/anime_49827_pictures.html")),
                new Parser("mal anime recommendations page",
                        b -> new AnimeRecommendationsPageParser().parse(b, "https://myanimelist.net/anime/28891/x", NOW),
                        Fixtures.read("mal/anime_28891_recomendations.html"),
                        Fixtures.read("mal/anime_49827_recomendations.html")),
                new Parser("mal anime reviews page",
                        b -> new AnimeReviewsPageParser().parse(b, "https://myanimelist.net/anime/5/x/reviews", NOW),
                        Fixtures.read("mal/anime_5_2021_reviews_1.html"),
                        Fixtures.read("mal-jikan-fixtures/anime_1_reviews_2022_layout_excerpt.html")),
                new Parser("mal profile page",
                        b -> new ProfilePageParser().parse(b, USER + "Elizi", NOW),
                        Fixtures.read("mal/profile_Elizi.html"),
                        Fixtures.read("mal-jikan-fixtures/profile_sandshark_2023_excerpt.html")),
                new Parser("mal friends page",
                        b -> new FriendsPageParser().parse(b, USER + "morshuwarrior/friends", NOW),
                        Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html"),
                        Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2018_excerpt.html")),
                new Parser("mal users.php",
                        b -> new UsersPageParser().parse(b, "https://myanimelist.net/users.php"),
                        Fixtures.read("mal/users_php_discovery.html")),
                new Parser("mal load.json list",
                        b -> new LoadJsonPageParser().parse(b, "u", "reltats", NOW),
                        Fixtures.read("mal/animelist_load_json_reltats_offset0.json"),
                        Fixtures.read("mal/animelist_load_json_Littoface_offset0.json")),
                new Parser("mal api anime",
                        b -> new MalApiAnimeParser().parse(b, "u", NOW), MalApiParsersTest.ANIME),
                new Parser("mal api user list page",
                        b -> new MalApiUserListPageParser().parse(b, "u", "alice", NOW),
                        MalApiParsersTest.USER_LIST_PAGE),
                new Parser("jikan anime",
                        b -> new JikanAnimeParser().parse(b, "u", NOW).build(), Fixtures.read("jikan/anime-success.json")),
                new Parser("jikan statistics",
                        b -> new JikanStatisticsParser().parse(b), Fixtures.read("jikan/getAnimeStatistics.json")),
                new Parser("jikan pictures",
                        b -> new JikanPicturesParser().parse(b), Fixtures.read("jikan/getAnimePictures.json")),
                new Parser("jikan recommendations",
                        b -> new JikanRecommendationsParser().parse(b, "u", 11757, NOW),
                        Fixtures.read("jikan/getAnimeRecommendations.json")),
                new Parser("jikan relations",
                        b -> new JikanRelationsParser().parse(b, "u", 11757, NOW),
                        Fixtures.read("jikan/getAnimeRelations.json")),
                new Parser("jikan reviews",
                        b -> new JikanReviewsParser().parse(b, "u", 11757, NOW), Fixtures.read("jikan/getAnimeReviews.json")),
                new Parser("jikan top anime",
                        b -> new JikanTopAnimeParser().parse(b), Fixtures.read("jikan/top-success.json")),
                new Parser("jikan user",
                        b -> new JikanUserParser().parse(b, "u", NOW), Fixtures.read("jikan/user-success.json")),
                new Parser("jikan friends",
                        b -> new JikanFriendsParser().parse(b, "u", "nekomata1037", NOW),
                        Fixtures.read("jikan/user-friends-success.json"), Fixtures.read("jikan/getUserFriends.json")),
                new Parser("jikan favorites",
                        b -> new JikanFavoritesParser().parse(b, "u", "x", NOW), Fixtures.read("jikan/getUserFavorites.json")),
                new Parser("jikan user updates",
                        b -> new JikanUserUpdatesParser().parse(b, "u", "x", NOW),
                        Fixtures.read("jikan/getUserUpdates.json")));
    }

    /** One test per parser, then one that checks the whole run reached {@value #MIN_TOTAL_RUNS} mutations. */
    @TestFactory
    Stream<DynamicTest> everyParserOnlyEverThrowsParseErrorsNamingTheField() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        AtomicInteger totalRuns = new AtomicInteger();
        List<Parser> parsers = parsers();
        Stream<DynamicTest> perParser = parsers.stream().map(parser -> DynamicTest.dynamicTest(parser.name(), () -> {
            totalRuns.addAndGet(fuzz(parser, seed));
        }));
        DynamicTest total = DynamicTest.dynamicTest("at least " + MIN_TOTAL_RUNS + " mutations in all", () -> {
            System.out.printf("fuzz: %d parsers, %d mutations in all, seed %d%n", parsers.size(), totalRuns.get(), seed);
            assertThat(totalRuns.get()).isGreaterThanOrEqualTo(MIN_TOTAL_RUNS);
        });
        return Stream.concat(perParser, Stream.of(total));
    }

    /** Runs the parser's mutations; returns how many ran. */
    private static int fuzz(Parser parser, long seed) {
        // The parser's own stream of mutations: adding a parser or fixture does not change the others' runs.
        Random random = new Random(seed ^ parser.name().hashCode());
        List<String> seeds = parser.fixtures().stream().map(ParserFuzzTest::compact).toList();
        boolean html = seeds.get(0).startsWith("<");
        int runs = html ? MIN_RUNS_PER_PARSER : JSON_RUNS_PER_PARSER;
        Map<String, Integer> errorsByField = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            String seedText = seeds.get(i % seeds.size());
            // Half of a JSON parser's runs keep the syntax valid and break the values, or almost every run
            // would stop at the JSON reader and the field checks behind it would never be reached.
            String mutated = !html && random.nextBoolean()
                    ? mutateJsonValues(seedText, random) : mutate(seedText, random);
            try {
                parser.target().parse(mutated);
            } catch (ParseException e) {
                errorsByField.merge(e.field(), 1, Integer::sum);
                if (e.field() == null || e.field().isBlank() || e.field().equals(Guard.UNKNOWN_FIELD)) {
                    failures.add("#" + i + ": a parse error naming no field: " + e.getMessage());
                }
            } catch (Throwable t) {
                failures.add("#" + i + ": uncaught " + t);
            }
        }
        int parseErrors = errorsByField.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("fuzz %s: seed %d, %d mutations of %d fixture(s), %d parse errors, %d ms; by field %s%n",
                parser.name(), seed, runs, seeds.size(), parseErrors, (System.nanoTime() - started) / 1_000_000,
                errorsByField);
        assertThat(failures)
                .as("%s with seed %d (replay: -Dfuzz.seed=%d -Dtest=ParserFuzzTest)", parser.name(), seed, seed)
                .isEmpty();
        // The mutations must actually break the input, or the test proves nothing.
        assertThat(parseErrors).as("%s: mutations that broke the input", parser.name()).isGreaterThan(runs / 50);
        return runs;
    }

    /**
     * The recorded html without scripts, styles, link tags, comments and the prettifier's indentation, and long JSON answers'
     * lists cut to their first 5 entries: the same structure in a fraction of the bytes.
     */
    static String compact(String seed) {
        String s = seed.trim();
        if (s.startsWith("<")) {
            return s.replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<style.*?</style>", "")
                    .replaceAll("(?s)<!--.*?-->", "").replaceAll("<link [^>]*>", "")
                    .replaceAll("\\n\\s+", "\n");
        }
        if (s.length() > 20_000) {
            try {
                JsonNode root = MAPPER.readTree(s);
                cutLists(root);
                return root.toString();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("fixture is not JSON", e);
            }
        }
        return s;
    }

    private static void cutLists(JsonNode node) {
        if (node instanceof ArrayNode array) {
            while (array.size() > 5) {
                array.remove(array.size() - 1);
            }
        }
        node.elements().forEachRemaining(ParserFuzzTest::cutLists);
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
                default -> s = replaceANumber(s, random);
            }
            if (s.isEmpty()) {
                break;
            }
        }
        return s;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode[] ODD_VALUES = {NullNode.instance, IntNode.valueOf(-1), IntNode.valueOf(0),
            LongNode.valueOf(Long.MAX_VALUE), DoubleNode.valueOf(1e300), DoubleNode.valueOf(-0.5),
            TextNode.valueOf(""), TextNode.valueOf("x"), TextNode.valueOf("2023-13-45T99:00:00+00:00"),
            TextNode.valueOf("-1"), BooleanNode.TRUE, MAPPER.createArrayNode(), MAPPER.createObjectNode()};

    /**
     * Valid JSON with one to four values broken: a field removed, a value replaced by one of another type or
     * out of range, an array entry dropped or duplicated.
     */
    static String mutateJsonValues(String seed, Random random) {
        JsonNode root;
        try {
            root = MAPPER.readTree(seed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fixture is not JSON", e);
        }
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && !containers.isEmpty(); r++) {
            JsonNode container = containers.get(random.nextInt(containers.size()));
            if (container instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(4) == 0) {
                    object.remove(name);
                } else {
                    object.set(name, ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy());
                }
            } else if (container instanceof ArrayNode array && array.size() > 0) {
                int at = random.nextInt(array.size());
                switch (random.nextInt(3)) {
                    case 0 -> array.remove(at);
                    case 1 -> array.add(array.get(at).deepCopy());
                    default -> array.set(at, ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy());
                }
            }
        }
        return root.toString();
    }

    private static void collectContainers(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, containers));
        }
    }

    /** Replaces a number somewhere in the text (not always the first, or later fields would never be hit). */
    private static String replaceANumber(String s, Random random) {
        int from = random.nextInt(s.length() + 1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(s);
        if (!m.find(from) && !m.find(0)) {
            return s;
        }
        String replacement = switch (random.nextInt(4)) {
            case 0 -> String.valueOf(-1 - random.nextInt(1000));
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> "0";
            default -> String.valueOf(random.nextInt());
        };
        return s.substring(0, m.start()) + replacement + s.substring(m.end());
    }
}
