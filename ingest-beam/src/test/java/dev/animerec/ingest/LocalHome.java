package dev.animerec.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** A temporary local home: spool files in, landing and dead-letter files out. */
final class LocalHome {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final LocalPaths paths;

    LocalHome(Path home) {
        this.paths = LocalPaths.of(home.toString());
    }

    IngestOptions options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--home=" + paths.home(), "--runner=DirectRunner",
                "--progressSeconds=60", "--flushSeconds=5"));
        args.addAll(List.of(extra));
        return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(IngestOptions.class);
    }

    Path spool(String name, List<String> lines) throws IOException {
        Files.createDirectories(paths.inbox());
        return Files.write(paths.inbox().resolve(name), lines, StandardCharsets.UTF_8);
    }

    static List<String> lines(List<? extends Item> items) {
        return items.stream().map(ItemJson::write).toList();
    }

    /** Landing lines per partition ({@code <kind>/crawl_date=...}), over all files of each. */
    Map<String, List<String>> landing() {
        Map<String, List<String>> partitions = new TreeMap<>();
        for (Path file : files(paths.landing())) {
            String partition = paths.landing().relativize(file.getParent()).toString();
            partitions.computeIfAbsent(partition, key -> new ArrayList<>()).addAll(read(file));
        }
        return partitions;
    }

    List<Path> landingFiles(String partition) {
        return files(paths.landing().resolve(partition));
    }

    List<JsonNode> deadLetters() {
        List<JsonNode> deadLetters = new ArrayList<>();
        for (Path file : files(paths.deadLetters())) {
            for (String line : read(file)) {
                try {
                    deadLetters.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return deadLetters;
    }

    static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
