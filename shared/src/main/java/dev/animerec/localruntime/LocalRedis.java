package dev.animerec.localruntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server on loopback, started from the embedded binary with append-only persistence under the
 * local home, or attached to when another anime-rec process of the same home already runs it; a Redis on the
 * port that keeps its data elsewhere is refused ({@link ForeignServerException}).
 */
public final class LocalRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);

    private final int port;
    private final RedisServer server;

    private LocalRedis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    public static LocalRedis startOrAttach(Path dataDirectory, int port) {
        if (Ports.listening(port)) {
            ServerIdentity.requireRedisOf(dataDirectory, port);
            log.info("Attaching to the local Redis already listening on 127.0.0.1:{}", port);
            return new LocalRedis(port, null);
        }
        try {
            Files.createDirectories(dataDirectory);
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .setting("daemonize no")
                    .build();
            server.start();
            log.info("Started embedded Redis on 127.0.0.1:{} (data {})", port, dataDirectory.toAbsolutePath());
            return new LocalRedis(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public boolean owned() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop();
            log.info("Stopped embedded Redis on 127.0.0.1:{}", port);
        }
    }
}
