package dev.animerec.ingest.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Emits each non-blank line of a spool file as a raw record whose source is the file. Lines are split on
 * bytes and decoded one by one so that one broken line is dead-lettered without losing its neighbours.
 */
final class ReadSpoolLinesFn extends DoFn<FileIO.ReadableFile, RawRecord> {

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawRecord> out) throws IOException {
        String source = file.getMetadata().resourceId().toString();
        try (InputStream in = new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16)) {
            Line line = new Line();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    line.emit(source, out);
                } else {
                    line.write(b);
                }
            }
            line.emit(source, out);
        }
    }

    private static final class Line extends ByteArrayOutputStream {
        Line() {
            super(4096);
        }

        void emit(String source, OutputReceiver<RawRecord> out) {
            int length = count;
            if (length > 0 && buf[length - 1] == '\r') {
                length--;
            }
            if (!isBlank(length)) {
                out.output(Utf8Lines.decode(buf, length, source));
            }
            reset();
        }

        private boolean isBlank(int length) {
            for (int i = 0; i < length; i++) {
                if (buf[i] != ' ' && buf[i] != '\t') {
                    return false;
                }
            }
            return true;
        }
    }
}
