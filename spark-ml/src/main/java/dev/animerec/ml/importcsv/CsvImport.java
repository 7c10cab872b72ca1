package dev.animerec.ml.importcsv;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlHome;
import dev.animerec.ml.common.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds processed-layout tables (docs/data-contracts.md section 4) straight from CSVs in the bundled snapshot's
 * format, for this module's integration test and benchmark only: the real path is {@code ./anime-rec import}
 * and {@code etl} (batch-jobs), whose Spring/DuckDB classpath cannot share a JVM with Spark. It applies none of
 * the ETL's filtering rules. Interactions: {@code username,anime_id,score,watching_status,watched_episodes} (extra
 * columns ignored; status as MAL code 1/2/3/4/6 or name). Anime: {@code anime_info.csv(.gz)}, joined with
 * {@code anime_site_stats.csv(.gz)} from the same folder when present. Rows are not filtered here: unknown anime
 * and statuses are dead-lettered by the prepare step.
 */
public final class CsvImport {

    public String run(SparkSession spark, MlHome home, String interactionsCsv, String animeCsv, String version,
                      int samplePercent, long seed) {
        Progress progress = Progress.start("import");
        spark.conf().set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        Dataset<Row> lists = spark.read().option("header", true).option("inferSchema", false).csv(interactionsCsv);
        if (samplePercent < 100) {
            lists = lists.filter(pmod(xxhash64(col("username"), lit(seed)), lit(100)).lt(samplePercent));
        }
        Column status = trim(col("watching_status"));
        Dataset<Row> userAnime = lists.select(
                trim(col("username")).as("username"),
                col("anime_id").cast("int").as("anime_id"),
                when(status.equalTo("1"), "watching").when(status.equalTo("2"), "completed")
                        .when(status.equalTo("3"), "on_hold").when(status.equalTo("4"), "dropped")
                        .when(status.equalTo("6"), "plan_to_watch").otherwise(lower(status)).as("status"),
                coalesce(col("score").cast("int"), lit(0)).as("score"),
                col("watched_episodes").cast("int").as("episodes_watched"),
                lit(null).cast("date").as("start_date"), lit(null).cast("date").as("finish_date"),
                lit(null).cast("timestamp").as("updated_at"), lit(false).as("is_favorite"),
                lit(null).cast("int").as("review_score"), lit(null).cast("timestamp").as("last_activity"));
        Dataset<Row> anime = anime(spark, animeCsv);
        Dataset<Row> users = userAnime.groupBy("username").agg(
                        sum(when(col("status").equalTo("watching"), 1).otherwise(0)).cast("int").as("watching"),
                        sum(when(col("status").equalTo("completed"), 1).otherwise(0)).cast("int").as("completed"),
                        sum(when(col("status").equalTo("on_hold"), 1).otherwise(0)).cast("int").as("on_hold"),
                        sum(when(col("status").equalTo("dropped"), 1).otherwise(0)).cast("int").as("dropped"),
                        sum(when(col("status").equalTo("plan_to_watch"), 1).otherwise(0)).cast("int").as("plan_to_watch"),
                        avg(when(col("score").gt(0), col("score"))).as("mean_score"))
                .select(col("username"), concat(lit("https://myanimelist.net/profile/"), col("username")).as("url"),
                        lit(null).cast("timestamp").as("last_online"), col("watching"), col("completed"),
                        col("on_hold"), col("dropped"), col("plan_to_watch"), lit(null).cast("double").as("days_watched"),
                        col("mean_score"), array().cast("array<string>").as("clubs"));
        StructType animeAnime = new StructType().add("anime_id", DataTypes.IntegerType)
                .add("other_anime_id", DataTypes.IntegerType).add("source", DataTypes.StringType)
                .add("relation_type", DataTypes.StringType).add("position", DataTypes.IntegerType)
                .add("recommenders", DataTypes.IntegerType);
        StructType userUser = new StructType().add("username", DataTypes.StringType)
                .add("friend_username", DataTypes.StringType).add("friends_since", DataTypes.TimestampType);
        write(userAnime, home.processedTable(version, "user_anime"));
        // No cleaning rules here, so the held lists are the same rows (the ETL's user_list is its uncleaned input).
        write(userAnime.select("username", "anime_id", "status", "score", "episodes_watched", "start_date",
                "finish_date", "updated_at"), home.processedTable(version, "user_list"));
        write(anime, home.processedTable(version, "anime"));
        write(users, home.processedTable(version, "user"));
        write(spark.createDataFrame(java.util.List.of(), animeAnime), home.processedTable(version, "anime_anime"));
        write(spark.createDataFrame(java.util.List.of(), userUser), home.processedTable(version, "user_user"));
        home.writePointer(home.processedRoot() + "/CURRENT", version);
        progress.count("list rows", spark.read().parquet(home.processedTable(version, "user_anime")).count());
        progress.count("anime", spark.read().parquet(home.processedTable(version, "anime")).count());
        progress.done();
        return version;
    }

    private static Dataset<Row> anime(SparkSession spark, String animeCsv) {
        Dataset<Row> info = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .csv(animeCsv).dropDuplicates("anime_id");
        Path stats = siteStats(animeCsv);
        Column aired = trim(substring_index(col("aired"), " to ", 1));
        Dataset<Row> anime = info.select(
                col("anime_id").cast("int").as("anime_id"), col("title"), lit(null).cast("string").as("title_english"),
                col("type"), col("source"), lit(null).cast("int").as("episodes"), lit(null).cast("string").as("status"),
                to_date(aired, "MMM d, yyyy").as("aired_from"), lit(null).cast("date").as("aired_to"),
                lower(split(col("premiered"), " ").getItem(0)).as("season"),
                coalesce(split(col("premiered"), " ").getItem(1).cast("int"),
                        regexp_extract(col("aired"), "(\\d{4})", 1).cast("int")).as("season_year"),
                list(col("studios")).as("studios"), list(col("genres")).as("genres"), list(col("theme")).as("themes"),
                col("rating"), col("anime_img_url").as("main_picture"),
                concat(lit("https://myanimelist.net/anime/"), col("anime_id")).as("mal_url"));
        if (stats != null) {
            Dataset<Row> site = spark.read().option("header", true).csv(stats.toString()).dropDuplicates("anime_id")
                    .select(col("anime_id").cast("int").as("stats_id"), col("score").cast("double").as("score"),
                            col("rating_count").cast("long").as("scored_by"), col("ranked").cast("int").as("rank"),
                            col("popularity").cast("int").as("popularity"), col("members").cast("long").as("members"),
                            col("favorites").cast("long").as("favorites"));
            anime = anime.join(site, col("anime_id").equalTo(col("stats_id")), "left").drop("stats_id");
        } else {
            anime = anime.withColumn("score", lit(null).cast("double")).withColumn("scored_by", lit(null).cast("long"))
                    .withColumn("rank", lit(null).cast("int")).withColumn("popularity", lit(null).cast("int"))
                    .withColumn("members", lit(null).cast("long")).withColumn("favorites", lit(null).cast("long"));
        }
        return anime.filter(col("anime_id").isNotNull()).select("anime_id", "title", "title_english", "type", "source",
                "episodes", "status", "aired_from", "aired_to", "season", "season_year", "studios", "genres", "themes",
                "rating", "score", "scored_by", "rank", "popularity", "members", "favorites", "main_picture", "mal_url");
    }

    private static Column list(Column csv) {
        return filter(transform(split(coalesce(csv, lit("")), ","), value -> trim(value)),
                value -> value.notEqual("").and(not(value.startsWith("None found"))).and(not(value.equalTo("add some"))));
    }

    private static Path siteStats(String animeCsv) {
        Path info = Path.of(animeCsv);
        for (String name : new String[] {"anime_site_stats.csv.gz", "anime_site_stats.csv"}) {
            Path candidate = info.resolveSibling(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void write(Dataset<Row> table, String path) {
        table.write().mode(SaveMode.Overwrite).parquet(path);
    }
}
