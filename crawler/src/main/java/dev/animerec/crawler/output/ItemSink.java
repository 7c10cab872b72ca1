package dev.animerec.crawler.output;

import dev.animerec.items.Item;
import java.util.List;

/** The ingestion queue's write side; returns only once the items are durable (or throws). */
public interface ItemSink {

    void publish(List<Item> items);
}
