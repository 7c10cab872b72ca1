package dev.animerec.batch.importer;

import dev.animerec.items.Item;
import dev.animerec.items.ItemKind;
import java.util.Map;

/**
 * Where imported items go: straight into the landing area ({@link LandingWriter}) or onto the ingestion queue
 * ({@link SpoolOutput}) so they take the same path as crawled items. Each uid is written once.
 */
public interface ItemOutput extends AutoCloseable {

    /** Returns false when the item's uid was already written (a duplicate). */
    boolean write(Item item);

    Map<ItemKind, Long> counts();

    /** Makes everything written visible to the next stage. */
    @Override
    void close();

    /** Opens an output for one import file; {@code stem} names its files. */
    @FunctionalInterface
    interface Factory {
        ItemOutput open(String stem);
    }
}
