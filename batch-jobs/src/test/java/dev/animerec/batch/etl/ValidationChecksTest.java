package dev.animerec.batch.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation check against hand-made tables: clean tables pass, one planted violation is caught. */
class ValidationChecksTest {

    @TempDir
    Path home;
    private DuckDbWarehouse warehouse;
    private EtlStages stages;

    @BeforeEach
    void cleanTables() {
        warehouse = new DuckDbWarehouse(WarehousePaths.under(home));
        stages = new EtlStages(warehouse);
        warehouse.execute("CREATE TABLE work.anime AS SELECT * FROM (VALUES (1), (2)) AS t(anime_id)");
        warehouse.execute("CREATE TABLE work.users AS SELECT * FROM (VALUES ('alice'), ('bob')) AS t(username)");
        warehouse.execute("CREATE TABLE work.user_anime_filtered AS SELECT * FROM (VALUES ('alice', 1), ('bob', 2))"
                + " AS t(username, anime_id)");
        warehouse.execute("CREATE TABLE work.user_list AS SELECT * FROM (VALUES ('alice', 1), ('bob', 2))"
                + " AS t(username, anime_id)");
        warehouse.execute("CREATE TABLE work.anime_anime_filtered AS SELECT * FROM (VALUES (1, 2, 'related'))"
                + " AS t(anime_id, other_anime_id, source)");
        warehouse.execute("CREATE TABLE work.user_user_filtered AS SELECT * FROM (VALUES ('alice', 'bob'))"
                + " AS t(username, friend_username)");
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private long violations(String check) {
        return stages.run(ValidationChecks.ALL.stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow())
                .violations();
    }

    @Test
    void cleanTablesPassEveryCheck() {
        assertThat(stages.validate()).allMatch(CheckResult::passed).hasSize(ValidationChecks.ALL.size());
    }

    @Test
    void animeUnique() {
        warehouse.execute("INSERT INTO work.anime VALUES (2)");
        assertThat(violations("anime_unique")).isEqualTo(1);
    }

    @Test
    void usersUniqueIgnoresCase() {
        warehouse.execute("INSERT INTO work.users VALUES ('Alice')");
        assertThat(violations("users_unique")).isEqualTo(1);
    }

    @Test
    void userAnimeRefsKnown() {
        warehouse.execute("INSERT INTO work.user_anime_filtered VALUES ('carol', 1), ('alice', 3)");
        assertThat(violations("user_anime_refs_known")).isEqualTo(2);
    }

    @Test
    void userAnimeUnique() {
        warehouse.execute("INSERT INTO work.user_anime_filtered VALUES ('ALICE', 1)");
        assertThat(violations("user_anime_unique")).isEqualTo(1);
    }

    @Test
    void animeAnimeRefsKnown() {
        warehouse.execute("INSERT INTO work.anime_anime_filtered VALUES (1, 3, 'recommendation')");
        assertThat(violations("anime_anime_refs_known")).isEqualTo(1);
    }

    @Test
    void animeAnimeUnique() {
        warehouse.execute("INSERT INTO work.anime_anime_filtered VALUES (1, 2, 'related')");
        assertThat(violations("anime_anime_unique")).isEqualTo(1);
        warehouse.execute("INSERT INTO work.anime_anime_filtered VALUES (1, 2, 'recommendation')");
        assertThat(violations("anime_anime_unique")).as("another source is another pair").isEqualTo(1);
    }

    @Test
    void userUserRefsKnown() {
        warehouse.execute("INSERT INTO work.user_user_filtered VALUES ('alice', 'carol')");
        assertThat(violations("user_user_refs_known")).isEqualTo(1);
    }

    @Test
    void userUserUnique() {
        warehouse.execute("INSERT INTO work.user_user_filtered VALUES ('Alice', 'BOB')");
        assertThat(violations("user_user_unique")).isEqualTo(1);
    }

    @Test
    void userAnimeNotEmpty() {
        warehouse.execute("DELETE FROM work.user_anime_filtered");
        assertThat(violations("user_anime_not_empty")).isEqualTo(1);
    }

    @Test
    void animeNotEmpty() {
        warehouse.execute("DELETE FROM work.anime");
        assertThat(violations("anime_not_empty")).isEqualTo(1);
    }

    @Test
    void validateThrowsNamingEveryFailedCheck() {
        warehouse.execute("INSERT INTO work.anime VALUES (1)");
        warehouse.execute("INSERT INTO work.user_user_filtered VALUES ('alice', 'zed')");
        assertThatThrownBy(() -> stages.validate())
                .isInstanceOf(ValidationFailedException.class)
                .hasMessageContaining("anime_unique")
                .hasMessageContaining("user_user_refs_known");
    }
}
