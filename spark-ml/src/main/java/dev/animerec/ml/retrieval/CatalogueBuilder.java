package dev.animerec.ml.retrieval;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.serving.ItemCatalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Collects the metadata and relations of the items that have ALS factors into the serving catalogue. */
final class CatalogueBuilder {

    private CatalogueBuilder() {
    }

    static ItemCatalogue build(int[] animeIds, Map<Integer, Integer> index, Dataset<Row> anime,
                               Dataset<Row> animeAnime, Dataset<Row> popularity) {
        int n = animeIds.length;
        String[] titles = new String[n];
        double[] trainPopularity = new double[n];
        double[] malScore = new double[n];
        double[] members = new double[n];
        int[] year = new int[n];
        int[] typeCode = new int[n];
        int[][] genres = new int[n][0];
        int[][] studios = new int[n][0];
        Map<String, Integer> genreIds = new HashMap<>();
        Map<String, Integer> studioIds = new HashMap<>();
        List<Row> metadata = anime.select(col("anime_id"), col("title"), col("type"), col("score"),
                col("members"), coalesce(col("season_year"), year(col("aired_from"))).as("year"),
                col("genres"), col("studios")).collectAsList();
        for (Row row : metadata) {
            Integer i = index.get(row.getInt(0));
            if (i == null) {
                continue;
            }
            titles[i] = row.getString(1);
            typeCode[i] = ItemCatalogue.typeCode(row.getString(2));
            malScore[i] = row.isNullAt(3) ? 0 : row.getDouble(3);
            members[i] = row.isNullAt(4) ? 0 : ((Number) row.get(4)).doubleValue();
            year[i] = row.isNullAt(5) ? 0 : row.getInt(5);
            genres[i] = ids(row.isNullAt(6) ? List.of() : row.getList(6), genreIds);
            studios[i] = ids(row.isNullAt(7) ? List.of() : row.getList(7), studioIds);
        }
        for (int i = 0; i < n; i++) {
            if (titles[i] == null) {
                titles[i] = "anime " + animeIds[i];
            }
        }
        for (Row row : popularity.collectAsList()) {
            Integer i = index.get(row.getInt(0));
            if (i != null) {
                trainPopularity[i] = row.getLong(1);
            }
        }
        List<List<Integer>> prequels = lists(n);
        List<List<Integer>> related = lists(n);
        List<List<Integer>> recommendedBy = lists(n);
        List<List<Integer>> recommenderCounts = lists(n);
        for (Row row : animeAnime.select("anime_id", "other_anime_id", "source", "relation_type", "recommenders")
                .collectAsList()) {
            Integer from = row.isNullAt(0) ? null : index.get(row.getInt(0));
            Integer to = row.isNullAt(1) ? null : index.get(row.getInt(1));
            if (from == null || to == null) {
                continue;
            }
            String source = row.getString(2);
            if ("related".equalsIgnoreCase(source)) {
                related.get(to).add(from);
                if ("sequel".equalsIgnoreCase(row.getString(3))) {
                    prequels.get(to).add(from);
                }
            } else if ("recommendation".equalsIgnoreCase(source)) {
                recommendedBy.get(to).add(from);
                recommenderCounts.get(to).add(row.isNullAt(4) ? 1 : row.getInt(4));
            }
        }
        return new ItemCatalogue(animeIds, titles, trainPopularity, malScore, members, year, typeCode, genres,
                studios, arrays(prequels), arrays(related), arrays(recommendedBy), arrays(recommenderCounts));
    }

    private static int[] ids(List<String> names, Map<String, Integer> vocabulary) {
        return names.stream().filter(name -> name != null && !name.isBlank())
                .mapToInt(name -> vocabulary.computeIfAbsent(name.trim(), k -> vocabulary.size())).distinct().toArray();
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static int[][] arrays(List<List<Integer>> lists) {
        int[][] arrays = new int[lists.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return arrays;
    }
}
