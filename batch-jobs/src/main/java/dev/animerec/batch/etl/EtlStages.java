package dev.animerec.batch.etl;

import dev.animerec.batch.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages of SYSTEM.md section 3, each idempotent (it rebuilds its output tables from its inputs), so a
 * restarted job can run any stage again and get the same result.
 */
public class EtlStages {

    private static final Logger log = LoggerFactory.getLogger(EtlStages.class);

    /** Published name -> finished work table. */
    static final Map<String, String> PUBLISHED_TABLES = publishedTables();

    private final Warehouse warehouse;

    public EtlStages(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Landing -> staging: the latest crawl of each entity and pair. Returns rows per staging table. */
    public Map<String, Long> staging() {
        warehouse.prepareLanding();
        runScript("/etl/staging.sql");
        return counts(List.of("staging.anime", "staging.profile", "staging.anime_list_entry", "staging.favorite",
                "staging.review", "staging.activity", "staging.related_anime", "staging.anime_recommendation",
                "staging.friend"));
    }

    /** Staging -> the model tables, before filtering, and the uncleaned user lists. Returns rows per table. */
    public Map<String, Long> merge() {
        runScript("/etl/merge.sql");
        return counts(List.of("work.anime", "work.users", "work.user_anime", "work.user_list", "work.anime_anime",
                "work.user_user"));
    }

    /** Applies every filtering rule in order; returns rows affected per rule ("table.rule"). */
    public Map<String, Long> filter() {
        Map<String, Long> affected = new LinkedHashMap<>();
        for (PairTable table : FilterRules.ALL) {
            warehouse.execute("CREATE OR REPLACE TABLE " + table.stepTable(0) + " AS " + table.prelude());
            int step = 0;
            for (FilterRule rule : table.rules()) {
                String previous = table.stepTable(step);
                String condition = "COALESCE(" + rule.condition() + ", FALSE)";
                long count = warehouse.queryLong("SELECT COUNTIF(" + condition + ") FROM " + previous);
                step++;
                String next = table.stepTable(step);
                if (rule.action() == FilterRule.Action.DROP) {
                    warehouse.execute("CREATE OR REPLACE TABLE " + next + " AS SELECT * FROM " + previous
                            + " WHERE NOT " + condition);
                } else {
                    warehouse.execute("CREATE OR REPLACE TABLE " + next + " AS SELECT * REPLACE (CASE WHEN "
                            + condition + " THEN " + rule.value() + " ELSE " + rule.column() + " END AS "
                            + rule.column() + ") FROM " + previous);
                }
                affected.put(table.name() + "." + rule.name(), count);
                log.info("filter {}.{}: {} rows {} ({})", table.name(), rule.name(), count,
                        rule.action() == FilterRule.Action.DROP ? "dropped" : "rewritten", rule.description());
            }
            warehouse.execute("CREATE OR REPLACE TABLE " + table.filteredTable() + " AS SELECT "
                    + String.join(", ", table.publishedColumns()) + " FROM " + table.stepTable(step));
            for (int i = 0; i <= step; i++) {
                warehouse.execute("DROP TABLE IF EXISTS " + table.stepTable(i));
            }
            log.info("filter {}: {} -> {} rows", table.name(), warehouse.queryLong("SELECT COUNT(*) FROM "
                    + table.mergedTable()), warehouse.queryLong("SELECT COUNT(*) FROM " + table.filteredTable()));
        }
        return affected;
    }

    /** Runs every check; throws {@link ValidationFailedException} naming each failed one. */
    public List<CheckResult> validate() {
        List<CheckResult> results = new ArrayList<>();
        for (ValidationCheck check : ValidationChecks.ALL) {
            results.add(run(check));
        }
        List<CheckResult> failures = results.stream().filter(result -> !result.passed()).toList();
        results.forEach(result -> log.info("check {}: {}", result.check().name(),
                result.passed() ? "passed" : "FAILED with " + result.violations() + " violations " + result.sample()));
        if (!failures.isEmpty()) {
            throw new ValidationFailedException(failures);
        }
        return results;
    }

    CheckResult run(ValidationCheck check) {
        long violations = warehouse.queryLong("SELECT COUNT(*) FROM (" + check.violationsQuery() + ") AS violations");
        return new CheckResult(check, violations, violations == 0 ? List.of() : warehouse.query(check.violationsQuery(), 5));
    }

    /** Moves the finished tables to the processed area as one new version. */
    public void publish(String version) {
        warehouse.publish(version, PUBLISHED_TABLES);
    }

    private void runScript(String resource) {
        for (String statement : SqlScript.load(resource)) {
            warehouse.execute(statement);
        }
    }

    private Map<String, Long> counts(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, warehouse.queryLong("SELECT COUNT(*) FROM " + table));
        }
        log.info("rows: {}", counts);
        return counts;
    }

    private static Map<String, String> publishedTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("anime", "work.anime");
        tables.put("user", "work.users");
        tables.put("user_anime", FilterRules.USER_ANIME.filteredTable());
        tables.put("user_list", "work.user_list");
        tables.put("anime_anime", FilterRules.ANIME_ANIME.filteredTable());
        tables.put("user_user", FilterRules.USER_USER.filteredTable());
        return tables;
    }
}
