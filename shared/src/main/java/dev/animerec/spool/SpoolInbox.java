package dev.animerec.spool;

import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The local ingestion queue's write side, {@code <home>/spool/inbox/}: each call writes one JSON-lines file
 * as {@code *.jsonl.tmp}, forces it to disk, then renames it atomically to {@code *.jsonl}, so the ingestion
 * job only ever sees complete files. The crawler writes one file per crawled url; the importer one per chunk.
 */
public final class SpoolInbox {

    private final Path inbox;

    public SpoolInbox(Path localHome) {
        this.inbox = localHome.resolve("spool").resolve("inbox");
    }

    public Path directory() {
        return inbox;
    }

    /** Writes the items as one complete spool file; nothing when the list is empty. */
    public void write(List<? extends Item> items) {
        if (items.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(inbox);
            String name = Instant.now().toEpochMilli() + "-" + UUID.randomUUID();
            Path tmp = inbox.resolve(name + ".jsonl.tmp");
            StringBuilder lines = new StringBuilder();
            for (Item item : items) {
                lines.append(ItemJson.write(item)).append('\n');
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(lines.toString()));
                channel.force(true);
            }
            Files.move(tmp, inbox.resolve(name + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool " + items.size() + " items into " + inbox, e);
        }
    }
}
