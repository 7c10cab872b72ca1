package dev.animerec.localruntime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local home (a state directory, {@code ./var} by default) and the loopback ports of its servers. A port
 * configured explicitly is used as is; otherwise the home's first start takes the default port when no other
 * home's server holds it, or a free one, and records it in {@value #PORTS_FILE} under the home, where every
 * later process of the home finds it. Before attaching to a server already listening, the server is asked
 * which data directory it serves ({@link ServerIdentity}): two checkouts, or a test run beside the demo, get
 * two sets of servers instead of sharing one database.
 *
 * <p>Choosing, starting and recording happen under a file lock on the home, so two processes of one home
 * starting together end with one server, started by one of them and attached to by the other.
 */
public final class LocalHome {

    public static final int DEFAULT_POSTGRES_PORT = 54329;
    public static final int DEFAULT_REDIS_PORT = 63799;
    public static final String PORTS_FILE = "local-ports.properties";
    private static final String LOCK_FILE = "local-ports.lock";
    private static final Logger log = LoggerFactory.getLogger(LocalHome.class);
    /** A JVM cannot hold two locks on one file: its own threads queue here before locking the file. */
    private static final Object IN_PROCESS_LOCK = new Object();

    private final Path home;
    private final Integer configuredPostgresPort;
    private final Integer configuredRedisPort;
    private final int defaultPostgresPort;
    private final int defaultRedisPort;

    public LocalHome(LocalRuntimeProperties properties) {
        this(properties, DEFAULT_POSTGRES_PORT, DEFAULT_REDIS_PORT);
    }

    /** With other default ports: tests use free ones, never the ports a running demo may hold. */
    LocalHome(LocalRuntimeProperties properties, int defaultPostgresPort, int defaultRedisPort) {
        this.home = properties.home().toAbsolutePath().normalize();
        this.configuredPostgresPort = properties.postgresPort();
        this.configuredRedisPort = properties.redisPort();
        this.defaultPostgresPort = defaultPostgresPort;
        this.defaultRedisPort = defaultRedisPort;
    }

    public Path directory() {
        return home;
    }

    public LocalPostgres postgres() {
        return startOrAttach("postgres.port", configuredPostgresPort, defaultPostgresPort,
                port -> LocalPostgres.startOrAttach(home.resolve("postgres"), port));
    }

    public LocalRedis redis() {
        return startOrAttach("redis.port", configuredRedisPort, defaultRedisPort,
                port -> LocalRedis.startOrAttach(home.resolve("redis"), port));
    }

    /** The ports recorded for this home, as written by the servers' first start; empty before it. */
    public Properties recordedPorts() {
        Properties ports = new Properties();
        Path file = home.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                ports.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return ports;
    }

    private <T> T startOrAttach(String key, Integer configured, int defaultPort, IntFunction<T> start) {
        synchronized (IN_PROCESS_LOCK) {
            try {
                Files.createDirectories(home);
                try (FileChannel channel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    if (configured != null) {
                        // An explicit port is the user's choice: another home's server on it is an error to show.
                        return start.apply(configured);
                    }
                    String recorded = recordedPorts().getProperty(key);
                    int port = recorded != null ? Integer.parseInt(recorded.trim()) : defaultPort;
                    try {
                        T server = start.apply(port);
                        record(key, port);
                        return server;
                    } catch (ForeignServerException e) {
                        int free = Ports.free();
                        log.warn("{}; this home ({}) takes port {} instead and records it in {}", e.getMessage(), home,
                                free, PORTS_FILE);
                        T server = start.apply(free);
                        record(key, free);
                        return server;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the local home " + home, e);
            }
        }
    }

    private void record(String key, int port) throws IOException {
        Properties ports = recordedPorts();
        if (String.valueOf(port).equals(ports.getProperty(key))) {
            return;
        }
        ports.setProperty(key, String.valueOf(port));
        Path file = home.resolve(PORTS_FILE);
        Path partial = home.resolve(PORTS_FILE + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial)) {
            ports.store(writer, "loopback ports of this home's embedded servers (chosen at their first start)");
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
