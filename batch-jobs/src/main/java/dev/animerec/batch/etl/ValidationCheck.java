package dev.animerec.batch.etl;

/**
 * A validation gate: a query returning the offending rows (none when the check passes).
 */
public record ValidationCheck(String name, String description, String violationsQuery) {
}
