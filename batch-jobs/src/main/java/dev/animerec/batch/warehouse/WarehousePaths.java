package dev.animerec.batch.warehouse;

import java.nio.file.Path;

/** The local warehouse's layout under the local home (see docs/data-contracts.md). */
public record WarehousePaths(Path root) {

    public static WarehousePaths under(Path home) {
        return new WarehousePaths(home.resolve("warehouse"));
    }

    public Path landing() {
        return root.resolve("landing");
    }

    public Path processed() {
        return root.resolve("processed");
    }

    public Path deadLetter(String stage) {
        return root.resolve("dead-letter").resolve(stage);
    }

    public Path database() {
        return root.resolve("etl.duckdb");
    }
}
