package dev.animerec.ingest;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The places of the local home this job reads and writes (docs/data-contracts.md, sections 2 and 3). */
public record LocalPaths(Path home) {

    public static LocalPaths of(String home) {
        return new LocalPaths(Paths.get(home).toAbsolutePath().normalize());
    }

    public Path inbox() {
        return home.resolve("spool/inbox");
    }

    /** Spool files a drain has fully ingested are moved here (kept, not deleted, for replays). */
    public Path ingested() {
        return home.resolve("spool/ingested");
    }

    public Path landing() {
        return home.resolve("warehouse/landing");
    }

    public Path deadLetters() {
        return home.resolve("warehouse/dead-letter/ingest");
    }
}
