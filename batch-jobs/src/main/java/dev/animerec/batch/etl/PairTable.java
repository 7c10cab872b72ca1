package dev.animerec.batch.etl;

import java.util.List;

/**
 * A pair table to filter: the merged work table, the prelude that adds the columns the rules look at
 * (known flags, the anime's episode count and airing status), the rules in order, and the columns published.
 */
record PairTable(String name, String prelude, List<FilterRule> rules, List<String> publishedColumns) {

    String mergedTable() {
        return "work." + name;
    }

    String filteredTable() {
        return "work." + name + "_filtered";
    }

    String stepTable(int step) {
        return "work." + name + "_step_" + step;
    }
}
