package dev.animerec.batch.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A local home with one processed version ({@code p1}: anime 1..12, users alice and bob in the cleaned
 * {@code user_anime}; alice, Bob and Carol in the held {@code user_list}, with rows the cleaning dropped), a
 * processed version {@code p0} written before {@code user_list} existed, and model versions written the way the
 * ETL (single Parquet files) and Spark (directories of part files) write them.
 */
final class PublishFixtures {

    private PublishFixtures() {
    }

    static void processed(Path home) throws IOException, SQLException {
        Path dir = Files.createDirectories(home.resolve("warehouse/processed/p1"));
        sql("COPY (SELECT i AS anime_id, 'Anime ' || i AS title, NULL::VARCHAR AS title_english,"
                + " CASE WHEN i % 2 = 0 THEN 'TV' ELSE 'Movie' END AS type, 12 AS episodes,"
                + " 'Finished Airing' AS status, 'spring' AS season, 2000 + i AS season_year,"
                + " ['Action', 'Drama'] AS genres, []::VARCHAR[] AS themes, ['Madhouse'] AS studios,"
                + " 6.0 + i / 10.0 AS score, 1000 * i::BIGINT AS members,"
                + " 'https://cdn.myanimelist.net/images/anime/' || i || '.jpg' AS main_picture,"
                + " 'https://myanimelist.net/anime/' || i AS mal_url FROM range(1, 13) t(i))"
                + " TO '" + dir.resolve("anime.parquet") + "' (FORMAT PARQUET)");
        sql("COPY (SELECT * FROM (VALUES ('alice', 1, 'completed', 9, DATE '2022-01-02', NULL::TIMESTAMP),"
                + " ('alice', 2, 'completed', 7, DATE '2022-03-01', NULL), ('alice', 3, 'dropped', 3, NULL, NULL),"
                + " ('Bob', 4, 'completed', 8, NULL, NULL), ('Bob', 5, 'completed', 10, NULL, NULL),"
                + " ('Bob', 6, 'plan_to_watch', 0, NULL, NULL))"
                + " t(username, anime_id, status, score, finish_date, updated_at))"
                + " TO '" + dir.resolve("user_anime.parquet") + "' (FORMAT PARQUET)");
        // The held lists: every row as crawled. alice's dropped anime 8 without progress, Bob's entry without a
        // status and all of Carol's rows are what the ETL's cleaning left out of user_anime.
        sql("COPY (SELECT * FROM (VALUES"
                + " ('alice', 1, 'completed', 9, 12, NULL::DATE, DATE '2022-01-02', NULL::TIMESTAMP),"
                + " ('alice', 2, 'completed', 7, 12, NULL, DATE '2022-03-01', TIMESTAMP '2022-03-01 10:00:00'),"
                + " ('alice', 3, 'dropped', 3, 2, NULL, NULL, NULL), ('alice', 8, 'dropped', 0, 0, NULL, NULL, NULL),"
                + " ('Bob', 4, 'completed', 8, 12, NULL, NULL, NULL), ('Bob', 5, 'completed', 10, 12, NULL, NULL, NULL),"
                + " ('Bob', 6, 'plan_to_watch', 0, 0, NULL, NULL, NULL), ('Bob', 9, NULL, 0, 0, NULL, NULL, NULL),"
                + " ('Carol', 7, 'watching', 0, 0, NULL, NULL, TIMESTAMP '2023-01-05 08:00:00'))"
                + " t(username, anime_id, status, score, episodes_watched, start_date, finish_date, updated_at))"
                + " TO '" + dir.resolve("user_list.parquet") + "' (FORMAT PARQUET)");
        sql("COPY (SELECT * FROM (VALUES (1, 12, 'related', 'sequel', 1, NULL::INT, 'crawled'),"
                + " (2, 11, 'related', 'sequel', NULL, NULL, 'inferred'), (11, 2, 'related', 'prequel', NULL, NULL, 'inferred'))"
                + " t(anime_id, other_anime_id, source, relation_type, position, recommenders, relation_source))"
                + " TO '" + dir.resolve("anime_anime.parquet") + "' (FORMAT PARQUET)");
        Path old = Files.createDirectories(home.resolve("warehouse/processed/p0"));
        for (String table : new String[] {"anime", "user_anime", "anime_anime"}) {
            Files.copy(dir.resolve(table + ".parquet"), old.resolve(table + ".parquet"));
        }
        Files.writeString(home.resolve("warehouse/processed/CURRENT"), "p1\n");
    }

    /**
     * Model {@code name} recommends anime {@code first..first+4} to both users (plus anime 99, which has no card
     * and must be dead-lettered) and marks every similar list with the same range.
     */
    static void model(Path home, String name, int first) throws IOException, SQLException {
        Path dir = Files.createDirectories(home.resolve("models").resolve(name));
        Path recommendations = Files.createDirectories(dir.resolve("recommendations.parquet"));
        sql("COPY (SELECT u AS username, CASE WHEN r = 6 THEN 99 ELSE " + first + " + r - 1 END AS anime_id,"
                + " r AS rank, 1.0 / r AS score, ['because you watched Anime 1 (you scored 9)'] AS reasons"
                + " FROM (VALUES ('alice'), ('Bob')) u(u), range(1, 7) t(r))"
                + " TO '" + recommendations.resolve("part-00000.parquet") + "' (FORMAT PARQUET)");
        Path similar = Files.createDirectories(dir.resolve("similar.parquet"));
        sql("COPY (SELECT a AS anime_id, " + first + " + r - 1 AS other_anime_id, r AS rank, 1.0 / r AS score"
                + " FROM range(1, 13) s(a), range(1, 6) t(r))"
                + " TO '" + similar.resolve("part-00000.parquet") + "' (FORMAT PARQUET)");
        Path serving = Files.createDirectories(dir.resolve("serving"));
        Files.writeString(serving.resolve("manifest.json"), "{\"model\":\"" + name + "\"}");
        Files.write(serving.resolve("item_factors.bin"), new byte[] {1, 2, 3, (byte) first});
        Files.writeString(serving.resolve(".item_factors.bin.crc"), "hadoop side file");
        Files.writeString(home.resolve("models/CURRENT"), name + "\n");
    }

    private static void sql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
