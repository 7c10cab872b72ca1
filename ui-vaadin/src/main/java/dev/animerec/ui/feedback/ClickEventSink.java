package dev.animerec.ui.feedback;

import java.util.List;

/**
 * Where click-stream batches go: the {@code clickstream_event} table (local) or a Pub/Sub topic that a BigQuery
 * subscription writes into a table of the same columns (gcp). A batch either lands whole or the call throws, and
 * {@link ClickStream} retries it.
 */
public interface ClickEventSink {

    void write(List<ClickEvent> batch) throws Exception;

    /** For log lines: where the events go. */
    String describe();
}
