package dev.animerec.batch.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.batch.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Seeding the schedule from the bundled real snapshot, and from a snapshot with broken rows. */
class SnapshotSeederIT {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

    @TempDir
    Path home;

    @BeforeEach
    void clean() {
        TestDatabase.clean(jdbc);
    }

    @Test
    void seedsEveryAnimeAndUserOfTheBundledSnapshotOnce() throws Exception {
        SnapshotSeeder seeder = new SnapshotSeeder(jdbc, home);
        Path snapshot = Path.of("..", "data", "snapshot");

        SnapshotSeeder.SeedResult first = seeder.seed(snapshot);

        // data/snapshot/README.md: 19,409 distinct anime ids, 576 users with a list.
        assertThat(first.animeUrls()).isEqualTo(19_409);
        assertThat(first.animeAdded()).isEqualTo(19_409);
        assertThat(first.profileUrls()).isEqualTo(576);
        assertThat(first.profileAdded()).isEqualTo(576);
        assertThat(first.deadLetters()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule", Integer.class)).isEqualTo(19_409);
        assertThat(jdbc.queryForObject("SELECT url FROM anime_schedule WHERE anime_id = 14835", String.class))
                .isEqualTo("https://myanimelist.net/anime/14835");

        SnapshotSeeder.SeedResult second = seeder.seed(snapshot);
        assertThat(second.animeAdded()).isZero();
        assertThat(second.profileAdded()).isZero();
    }

    @Test
    void brokenRowsGoToTheDeadLettersAndTheRestIsSeeded(@TempDir Path snapshot) throws Exception {
        gzip(snapshot.resolve("anime_info.csv.gz"), "anime_id,title\n1,Cowboy Bebop\nabc,Broken\n5,\"Cowboy Bebop:\nThe Movie\"\n-3,Negative\n");
        gzip(snapshot.resolve("animelist_2023.csv.gz"),
                "user_id,username,anime_id\n0,Elizi,1\n0,Elizi,5\n1,elizi,1\n2,not a name!,1\n3,Xinil,5\n");
        jdbc.update("INSERT INTO profile_schedule (url, username) VALUES (?, ?)",
                "https://myanimelist.net/profile/XINIL", "XINIL");

        SnapshotSeeder.SeedResult result = new SnapshotSeeder(jdbc, home).seed(snapshot);

        assertThat(result.animeAdded()).isEqualTo(2);
        assertThat(result.profileUrls()).isEqualTo(2);
        assertThat(result.profileAdded()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT username FROM profile_schedule ORDER BY username", String.class))
                .containsExactly("Elizi", "XINIL");
        assertThat(result.deadLetters()).isEqualTo(3);
        List<String> lines = Files.readAllLines(result.deadLetterFile());
        assertThat(lines).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("reason").asText()).contains("anime_id").contains("abc");
        assertThat(first.get("payload").asText()).isEqualTo("abc,Broken");
        assertThat(first.get("source").asText()).isEqualTo("anime_info.csv.gz:2");
        assertThat(result.deadLetterFile()).startsWith(home.resolve("warehouse/dead-letter/seed"));
    }

    @Test
    void aMissingSnapshotFileIsAClearError(@TempDir Path snapshot) {
        assertThatThrownBy(() -> new SnapshotSeeder(jdbc, home).seed(snapshot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anime_info.csv.gz");
    }

    private static void gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(content);
        }
    }
}
