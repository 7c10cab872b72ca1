package dev.animerec.ui.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * A closed-loop HTTP/1.1 load generator on one thread, the way wrk works: {@code clients} keep-alive connections on
 * one selector, each sending its next request as soon as the answer to the previous one is complete. On a 2-core
 * machine the generator shares the CPU with the server it measures; with a thread per client (or
 * {@code java.net.http.HttpClient}'s selector hand-offs) the client threads' own run-queue waits showed up as server
 * latency at 16 clients and more. One thread keeps the generator's share small and steady.
 */
final class ClosedLoopLoad {

    /** The next request, complete (request line, headers, body). */
    @FunctionalInterface
    interface Requests {
        byte[] next();
    }

    /** Latencies of the answered requests (nanoseconds, unsorted), errors (non-200 or broken), and the wall time. */
    record Outcome(long[] nanos, long errors, double seconds) {
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final InetSocketAddress server;
    /** Requests sent and not yet answered (or failed), over all connections of the current run. */
    private final int[] inFlight = new int[1];

    ClosedLoopLoad(InetSocketAddress server) {
        this.server = server;
    }

    Outcome run(Requests requests, int clients, double seconds) throws IOException {
        long started = System.nanoTime();
        long end = started + (long) (seconds * 1e9);
        Samples samples = new Samples();
        long[] errors = new long[1];
        inFlight[0] = 0;
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < clients; c++) {
                new Connection(selector, requests, samples, errors).open();
            }
            // After the end no new request is sent, but the answers in flight are awaited: a connection closed with
            // its request still queued in the server would leave that work behind for the next run to wait on.
            long drainUntil = end + 30_000_000_000L;
            while (System.nanoTime() < end || (inFlight[0] > 0 && System.nanoTime() < drainUntil)) {
                selector.select(100);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    Connection connection = (Connection) key.attachment();
                    connection.ready(key, System.nanoTime() < end);
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        return new Outcome(samples.toArray(), errors[0], (System.nanoTime() - started) / 1e9);
    }

    private static final class Samples {
        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** One client: a connection, the request in flight, and the incremental parse of its answer. */
    private final class Connection {
        private final Selector selector;
        private final Requests requests;
        private final Samples samples;
        private final long[] errors;
        private SocketChannel channel;
        private ByteBuffer out;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private byte[] answer = new byte[64 * 1024];
        private int answerLength;
        private long sentAt;
        private boolean busy;
        // the parse of the answer so far
        private int headerEnd = -1;
        private int status;
        private long contentLength = -1;
        private boolean chunked;
        private boolean closeAfter;
        private int chunkAt;

        Connection(Selector selector, Requests requests, Samples samples, long[] errors) {
            this.selector = selector;
            this.requests = requests;
            this.samples = samples;
            this.errors = errors;
        }

        void open() throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(server);
            SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
                    this);
            send(key);
        }

        private void send(SelectionKey key) {
            out = ByteBuffer.wrap(requests.next());
            answerLength = 0;
            headerEnd = -1;
            contentLength = -1;
            chunked = false;
            closeAfter = false;
            chunkAt = -1;
            sentAt = System.nanoTime();
            busy = true;
            inFlight[0]++;
            if (channel.isConnected()) {
                key.interestOps(SelectionKey.OP_WRITE);
            }
        }

        void ready(SelectionKey key, boolean more) throws IOException {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                if (key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    return;
                }
                if (key.isReadable()) {
                    in.clear();
                    int read = channel.read(in);
                    if (read < 0) {
                        throw new IOException("closed by the server mid-answer");
                    }
                    append(in.array(), read);
                    if (complete()) {
                        long elapsed = System.nanoTime() - sentAt;
                        finished();
                        if (status == 200) {
                            samples.add(elapsed);
                        } else {
                            errors[0]++;
                        }
                        if (closeAfter) {
                            key.cancel();
                            channel.close();
                            if (more) {
                                open();
                            }
                        } else if (more) {
                            send(key);
                        } else {
                            key.interestOps(0);
                        }
                    }
                }
            } catch (IOException e) {
                errors[0]++;
                finished();
                key.cancel();
                channel.close();
                if (more) {
                    open();
                }
            }
        }

        private void finished() {
            if (busy) {
                busy = false;
                inFlight[0]--;
            }
        }

        private void append(byte[] bytes, int length) {
            if (answerLength + length > answer.length) {
                answer = Arrays.copyOf(answer, Math.max(answer.length * 2, answerLength + length));
            }
            System.arraycopy(bytes, 0, answer, answerLength, length);
            answerLength += length;
        }

        /** Whether the answer so far is a whole HTTP/1.1 response (Content-Length or chunked body). */
        private boolean complete() throws IOException {
            if (headerEnd < 0) {
                int end = indexOf(0, HEADER_END);
                if (end < 0) {
                    return false;
                }
                headerEnd = end + 4;
                String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
                if (!lines[0].startsWith("HTTP/1.1 ") || lines[0].length() < 12) {
                    throw new IOException("not an HTTP/1.1 status line: " + lines[0]);
                }
                status = Integer.parseInt(lines[0].substring(9, 12));
                for (int l = 1; l < lines.length; l++) {
                    String header = lines[l].toLowerCase(Locale.ROOT);
                    if (header.startsWith("content-length:")) {
                        contentLength = Long.parseLong(header.substring(15).trim());
                    } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                        chunked = true;
                    } else if (header.startsWith("connection:") && header.contains("close")) {
                        closeAfter = true;
                    }
                }
                chunkAt = headerEnd;
                if (!chunked && contentLength < 0) {
                    throw new IOException("an answer with neither Content-Length nor chunked encoding");
                }
            }
            if (!chunked) {
                return answerLength >= headerEnd + contentLength;
            }
            while (true) {
                int lineEnd = indexOf(chunkAt, CRLF);
                if (lineEnd < 0) {
                    return false;
                }
                String sizeLine = new String(answer, chunkAt, lineEnd - chunkAt, StandardCharsets.ISO_8859_1);
                int extension = sizeLine.indexOf(';');
                int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                if (size == 0) {
                    // no trailers from the serving app: the last chunk is followed by the closing CRLF
                    return answerLength >= lineEnd + 4;
                }
                int next = lineEnd + 2 + size + 2;
                if (answerLength < next) {
                    return false;
                }
                chunkAt = next;
            }
        }

        private int indexOf(int from, byte[] target) {
            outer:
            for (int i = from; i <= answerLength - target.length; i++) {
                for (int t = 0; t < target.length; t++) {
                    if (answer[i + t] != target[t]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
