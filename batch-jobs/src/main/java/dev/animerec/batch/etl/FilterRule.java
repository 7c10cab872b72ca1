package dev.animerec.batch.etl;

/**
 * One filtering rule of SYSTEM.md section 3, as a boolean SQL condition over a pair table's columns. A
 * DROP rule removes the rows where the condition holds; a REWRITE rule sets {@code column} to
 * {@code value} on those rows. Conditions are in the dialect subset shared by DuckDB and GoogleSQL.
 */
public record FilterRule(String name, String description, Action action, String condition, String column,
                         String value) {

    public enum Action { DROP, REWRITE }

    public static FilterRule drop(String name, String description, String condition) {
        return new FilterRule(name, description, Action.DROP, condition, null, null);
    }

    public static FilterRule rewrite(String name, String description, String condition, String column, String value) {
        return new FilterRule(name, description, Action.REWRITE, condition, column, value);
    }
}
