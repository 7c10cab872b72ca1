package dev.animerec.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.crawler.CrawlerSpringApplication;
import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.MalMirror;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

/** The HTTP service in service mode, against a local MAL/Jikan mirror and a real PostgreSQL. */
@SpringBootTest(classes = CrawlerSpringApplication.class, properties = "animerec.crawler.mode=service")
@AutoConfigureMockMvc
class CrawlServiceIT {

    private static final MalMirror MIRROR = new MalMirror().answer(404404, 404);
    private static final Path HOME = home();

    @Autowired
    MockMvc mvc;

    private final JdbcTemplate jdbc = TestPostgres.jdbc();

    private static Path home() {
        try {
            return Files.createTempDirectory("crawler-service-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("animerec.local.home", HOME::toString);
        registry.add("animerec.crawler.service.max-urls", () -> "3");
        TestSettings.properties(MIRROR.baseUrl()).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopMirror() throws Exception {
        MIRROR.close();
        FileSystemUtils.deleteRecursively(HOME);
    }

    @BeforeEach
    void clean() {
        TestPostgres.clean();
    }

    private long spoolFiles() throws Exception {
        Path inbox = HOME.resolve("spool/inbox");
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).count();
        }
    }

    @Test
    void crawlAnswersTheItemsEmitsThemAndListsFailures() throws Exception {
        long spooledBefore = spoolFiles();

        mvc.perform(post("/crawl").contentType(MediaType.APPLICATION_JSON)
                        .content("[\"https://myanimelist.net/anime/49827\", \"https://myanimelist.net/anime/404404\"]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.crawled").value(1))
                .andExpect(jsonPath("$.failed").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("anime"))
                .andExpect(jsonPath("$.items[0].anime_id").value(49827))
                .andExpect(jsonPath("$.items[0].title").value("Kidou Senshi Gundam: Cucuruz Doan no Shima"))
                .andExpect(jsonPath("$.items[1].kind").value("related_anime"))
                .andExpect(jsonPath("$.failures[0].url").value("https://myanimelist.net/anime/404404"))
                .andExpect(jsonPath("$.failures[0].reason").value(containsString("HTTP 404")));

        assertThat(spoolFiles()).isEqualTo(spooledBefore + 1);
        assertThat(jdbc.queryForObject("SELECT crawled_count FROM anime_schedule WHERE anime_id = 49827",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT inspected_count FROM anime_schedule WHERE anime_id = 80",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter WHERE url = ?", Integer.class,
                "https://myanimelist.net/anime/404404")).isEqualTo(1);
    }

    @Test
    void badInputIsAClear400AndCrawlsNothing() throws Exception {
        int requestsBefore = MIRROR.paths().size();
        String[][] cases = {
                {"{\"urls\": 1}", "JSON array of url strings"},
                {"not json", "JSON array of url strings"},
                {"[]", "1 to 3 anime or profile urls"},
                {"[\"https://myanimelist.net/anime/1\", \"https://example.org/anime/2\"]", "url #2"},
                {"[\"https://myanimelist.net/manga/2\"]", "not an anime or profile url"},
                {"[\"https://myanimelist.net/anime/1\", \"https://myanimelist.net/anime/2\", "
                        + "\"https://myanimelist.net/anime/3\", \"https://myanimelist.net/anime/5\"]", "at most 3"},
        };
        for (String[] bad : cases) {
            mvc.perform(post("/crawl").contentType(MediaType.APPLICATION_JSON).content(bad[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value(containsString(bad[1])))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
        mvc.perform(post("/seed/top-anime").param("pages", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("pages must be between 1 and 20")));
        mvc.perform(post("/seed/top-anime").param("pages", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("parameter pages is not a valid int: 'many'")));

        assertThat(MIRROR.paths()).hasSize(requestsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule", Integer.class)).isZero();
    }

    @Test
    void topAnimeSeedFillsOnlyTheScheduleTable() throws Exception {
        // The 25 ids of the recorded Jikan answer, read from the fixture itself.
        JsonNode top = new ObjectMapper().readTree(Fixtures.read("jikan/top-success.json"));
        Set<Integer> expected = new TreeSet<>();
        top.get("data").forEach(anime -> expected.add(anime.get("mal_id").asInt()));
        long spooledBefore = spoolFiles();

        mvc.perform(post("/seed/top-anime"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seen").value(25))
                .andExpect(jsonPath("$.added").value(25));
        mvc.perform(post("/seed/top-anime"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(0));

        assertThat(new TreeSet<>(jdbc.queryForList("SELECT anime_id FROM anime_schedule", Integer.class)))
                .isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT sum(crawled_count + inspected_count) FROM anime_schedule",
                Integer.class)).isZero();
        assertThat(spoolFiles()).isEqualTo(spooledBefore);
    }

    @Test
    void recentProfilesSeedAddsTheProfilesOfTheUsersPage() throws Exception {
        Set<String> expected = new TreeSet<>();
        Matcher link = Pattern.compile("href=\"/profile/([A-Za-z0-9_-]+)\"")
                .matcher(Fixtures.read("mal/users_php_discovery.html"));
        while (link.find()) {
            expected.add(link.group(1));
        }

        mvc.perform(post("/seed/recent-profiles"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(expected.size()));

        assertThat(new TreeSet<>(jdbc.queryForList("SELECT username FROM profile_schedule", String.class)))
                .isEqualTo(expected);
    }

    @Test
    void anUpstreamFailureDuringASeedIsA502WithTheReason() throws Exception {
        MIRROR.answer("/users.php", 403);
        try {
            mvc.perform(post("/seed/recent-profiles"))
                    .andExpect(status().isBadGateway())
                    .andExpect(jsonPath("$.error").value(containsString("HTTP 403")));
        } finally {
            MIRROR.restore("/users.php");
        }
    }
}
