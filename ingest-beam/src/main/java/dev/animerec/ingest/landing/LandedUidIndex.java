package dev.animerec.ingest.landing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The uids already present in landing partitions, read from the partition files themselves (the landing
 * area is the ledger: no second store to keep in step). Landing files are immutable once renamed into place,
 * so a partition is indexed incrementally: only files not seen before are read. Only the most recently used
 * partitions stay in memory; an evicted one is simply read again, and so is one where a file has been removed.
 * Callers hold the {@link PartitionLock}.
 */
final class LandedUidIndex {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<Path, PartitionUids> partitions;

    LandedUidIndex(int maxPartitions) {
        this.partitions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, PartitionUids> eldest) {
                return size() > maxPartitions;
            }
        };
    }

    /** The uids landed in the partition, including files other writers added since the last call. */
    Set<String> landedUids(Path partition) throws IOException {
        PartitionUids known;
        synchronized (partitions) {
            known = partitions.computeIfAbsent(partition.toAbsolutePath().normalize(), key -> new PartitionUids());
        }
        Map<String, Path> present = new LinkedHashMap<>();
        if (Files.isDirectory(partition)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.jsonl")) {
                files.forEach(file -> present.put(file.getFileName().toString(), file));
            }
        }
        if (!present.keySet().containsAll(known.files)) {
            // A file went away (an operator or the ETL cleaned up): what is indexed is no longer what is there.
            known.files.clear();
            known.uids.clear();
        }
        for (Map.Entry<String, Path> file : present.entrySet()) {
            if (!known.files.contains(file.getKey())) {
                readUids(file.getValue(), known.uids);
                known.files.add(file.getKey());
            }
        }
        return known.uids;
    }

    /** Records a file this process has just written, so that it is not read back. */
    void added(Path partition, Path file, Set<String> uids) {
        PartitionUids known;
        synchronized (partitions) {
            known = partitions.get(partition.toAbsolutePath().normalize());
        }
        if (known != null) {
            known.uids.addAll(uids);
            known.files.add(file.getFileName().toString());
        }
    }

    private static void readUids(Path file, Set<String> into) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String uid = uidOf(line);
                if (uid == null) {
                    throw new IOException("landing file " + file + " line " + lineNumber + " has no uid");
                }
                into.add(uid);
            }
        }
    }

    /** Reads only up to the top-level "uid" field: landing lines are long, uids are near the start. */
    static String uidOf(String line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("uid".equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static final class PartitionUids {
        final Set<String> files = new HashSet<>();
        final Set<String> uids = new HashSet<>();
    }
}
