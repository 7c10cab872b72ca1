package dev.animerec.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Watch;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The crawler's spool inbox ({@code <home>/spool/inbox/*.jsonl}, files complete by atomic rename) as raw
 * records: either a fixed list of files (drain: what was there at start) or the inbox watched continuously.
 */
public final class SpoolInboxSource extends PTransform<PBegin, PCollection<RawRecord>> {

    private static final String SPOOL_GLOB = "*.jsonl";

    private final List<String> files;
    private final Path inbox;
    private final Duration pollInterval;

    private SpoolInboxSource(List<String> files, Path inbox, Duration pollInterval) {
        this.files = files;
        this.inbox = inbox;
        this.pollInterval = pollInterval;
    }

    /** Reads exactly these files, then the input ends. */
    public static SpoolInboxSource files(List<String> files) {
        return new SpoolInboxSource(List.copyOf(files), null, null);
    }

    /** Watches the inbox for new files, without end; each file is read once. */
    public static SpoolInboxSource watch(Path inbox, Duration pollInterval) {
        return new SpoolInboxSource(null, inbox, pollInterval);
    }

    /** The complete spool files in the inbox now, sorted by name (temporary {@code .jsonl.tmp} files excluded). */
    public static List<String> listInbox(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile)
                    .map(path -> path.toAbsolutePath().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool inbox " + inbox, e);
        }
    }

    @Override
    public PCollection<RawRecord> expand(PBegin begin) {
        PCollection<FileIO.ReadableFile> readable;
        if (files != null) {
            readable = begin.apply("SpoolFiles", Create.of(files).withCoder(StringUtf8Coder.of()))
                    .apply("MatchSpoolFiles", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
                    .apply("OpenSpoolFiles", FileIO.readMatches());
        } else {
            String pattern = inbox.toAbsolutePath().resolve(SPOOL_GLOB).toString();
            readable = begin.apply("WatchSpoolInbox", FileIO.match().filepattern(pattern)
                            .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW)
                            .continuously(pollInterval, Watch.Growth.never()))
                    .apply("OpenSpoolFiles", FileIO.readMatches());
        }
        return readable.apply("ReadSpoolLines", ParDo.of(new ReadSpoolLinesFn())).setCoder(RawRecord.Coder.of());
    }
}
