package dev.animerec.localruntime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server on loopback: started from the embedded binaries with its data directory under
 * the local home, or, when another anime-rec process of the same home already runs it, attached to. A server
 * on the port that serves another data directory is refused ({@link ForeignServerException}).
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    /** How zonky's {@code EmbeddedPostgres} (2.2.2) says another process holds the data directory's lock file. */
    private static final String DATA_DIRECTORY_LOCKED = "could not lock";

    private final int port;
    private final EmbeddedPostgres server;

    private LocalPostgres(int port, EmbeddedPostgres server) {
        this.port = port;
        this.server = server;
    }

    public static LocalPostgres startOrAttach(Path dataDirectory, int port) {
        if (Ports.listening(port)) {
            ServerIdentity.requirePostgresOf(dataDirectory, port);
            log.info("Attaching to the local PostgreSQL already listening on 127.0.0.1:{}", port);
            return new LocalPostgres(port, null);
        }
        try {
            Files.createDirectories(dataDirectory);
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info("Started embedded PostgreSQL on 127.0.0.1:{} (data {}) in {} ms", port,
                    dataDirectory.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
            return new LocalPostgres(port, server);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith(DATA_DIRECTORY_LOCKED)) {
                throw new IllegalStateException("cannot start embedded PostgreSQL on port " + port + " with data in "
                        + dataDirectory.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            // Another process won the race to start it (it holds the data directory's lock): attach once it listens.
            if (Ports.awaitListening(port, java.time.Duration.ofSeconds(60))) {
                ServerIdentity.requirePostgresOf(dataDirectory, port);
                log.info("Another process is starting the local PostgreSQL; attaching on 127.0.0.1:{}", port);
                return new LocalPostgres(port, null);
            }
            throw new IllegalStateException("cannot start embedded PostgreSQL with data in "
                    + dataDirectory.toAbsolutePath() + " (" + e.getMessage() + "), and nothing listens on port " + port
                    + " after 60 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port + " with data in "
                    + dataDirectory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and so stops it on close). */
    public boolean owned() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            log.info("Stopped embedded PostgreSQL on 127.0.0.1:{}", port);
        }
    }
}
