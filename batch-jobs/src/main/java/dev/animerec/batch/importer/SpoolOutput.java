package dev.animerec.batch.importer;

import dev.animerec.items.Item;
import dev.animerec.items.ItemKind;
import dev.animerec.spool.SpoolInbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Imported items onto the local ingestion queue, in complete spool files of {@value #CHUNK} items. */
public final class SpoolOutput implements ItemOutput {

    static final int CHUNK = 20_000;

    private final SpoolInbox inbox;
    private final Set<String> written = new HashSet<>();
    private final Map<ItemKind, Long> counts = new LinkedHashMap<>();
    private final List<Item> buffer = new ArrayList<>(CHUNK);

    public SpoolOutput(SpoolInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public boolean write(Item item) {
        if (!written.add(item.uid())) {
            return false;
        }
        buffer.add(item);
        counts.merge(item.kind(), 1L, Long::sum);
        if (buffer.size() == CHUNK) {
            flush();
        }
        return true;
    }

    @Override
    public Map<ItemKind, Long> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public void close() {
        flush();
    }

    private void flush() {
        inbox.write(buffer);
        buffer.clear();
    }
}
