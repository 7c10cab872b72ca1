package dev.animerec.crawler.output;

import dev.animerec.items.Item;
import dev.animerec.spool.SpoolInbox;
import java.nio.file.Path;
import java.util.List;

/** The local ingestion queue: one complete spool file per crawled url (see {@link SpoolInbox}). */
public final class SpoolWriter implements ItemSink {

    private final SpoolInbox inbox;

    public SpoolWriter(Path localHome) {
        this.inbox = new SpoolInbox(localHome);
    }

    public Path inbox() {
        return inbox.directory();
    }

    @Override
    public void publish(List<Item> items) {
        inbox.write(items);
    }
}
