package dev.animerec.batch.importer;

import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ItemKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Appends items to the landing area in its contract layout ({@code landing/<kind>/crawl_date=YYYY-MM-DD/}),
 * one file per kind and day for this writer, each written under a temporary name and renamed when closed so
 * readers never see half a file. An item whose uid this writer already wrote is skipped (landing holds each
 * uid once).
 */
public class LandingWriter implements ItemOutput {

    private final WarehousePaths paths;
    private final String fileStem;
    private final Map<Path, BufferedWriter> open = new LinkedHashMap<>();
    private final Set<String> written = new HashSet<>();
    private final Map<ItemKind, Long> counts = new LinkedHashMap<>();

    public LandingWriter(WarehousePaths paths, String fileStem) {
        this.paths = paths;
        this.fileStem = fileStem;
    }

    @Override
    public boolean write(Item item) {
        if (!written.add(item.uid())) {
            return false;
        }
        try {
            BufferedWriter writer = writerFor(item);
            writer.write(ItemJson.write(item));
            writer.write('\n');
            counts.merge(item.kind(), 1L, Long::sum);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<ItemKind, Long> counts() {
        return Map.copyOf(counts);
    }

    private BufferedWriter writerFor(Item item) throws IOException {
        Path directory = paths.landing().resolve(item.kind().wireName())
                .resolve("crawl_date=" + item.crawlDate().atZone(ZoneOffset.UTC).toLocalDate());
        Path temporary = directory.resolve(fileStem + ".jsonl.tmp");
        BufferedWriter writer = open.get(temporary);
        if (writer == null) {
            Files.createDirectories(directory);
            writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            open.put(temporary, writer);
        }
        return writer;
    }

    /** Closes and publishes every file (rename from *.jsonl.tmp to *.jsonl). */
    @Override
    public void close() {
        try {
            for (Map.Entry<Path, BufferedWriter> file : open.entrySet()) {
                file.getValue().close();
                String name = file.getKey().getFileName().toString();
                Files.move(file.getKey(), file.getKey().resolveSibling(name.substring(0, name.length() - 4)),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            open.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
