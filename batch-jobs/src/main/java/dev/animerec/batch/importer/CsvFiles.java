package dev.animerec.batch.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/** Opens CSV files with a header row, plain or gzipped; header names are trimmed and lower-cased. */
final class CsvFiles {

    private CsvFiles() {
    }

    static CSVParser open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true)
                .get()
                .parse(reader);
    }

    /** The sibling of {@code file} named {@code stem}.csv or {@code stem}.csv.gz, if present. */
    static Optional<Path> sibling(Path file, String stem) {
        for (String name : new String[] {stem + ".csv", stem + ".csv.gz"}) {
            Path candidate = file.resolveSibling(name);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
