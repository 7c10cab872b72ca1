package dev.animerec.localruntime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Asks a server listening on a loopback port which data directory it serves, so a process attaches only to
 * the servers of its own local home. The servers answer themselves (PostgreSQL's {@code data_directory}
 * setting, Redis's {@code CONFIG GET dir}): no marker to write, and none that a copied data directory or a
 * restarted server could make stale.
 */
final class ServerIdentity {

    private ServerIdentity() {
    }

    /** Fails with {@link ForeignServerException} unless the PostgreSQL on the port serves {@code dataDirectory}. */
    static void requirePostgresOf(Path dataDirectory, int port) {
        String served = postgresDataDirectory(port);
        if (!samePath(served, dataDirectory)) {
            throw new ForeignServerException("127.0.0.1:" + port + " is the PostgreSQL of another local home (data in "
                    + served + "), not of " + dataDirectory.toAbsolutePath().normalize() + ": stop that process, or "
                    + "give this home its own port (animerec.local.postgres-port, or unset it to let the home pick)");
        }
    }

    /** Fails with {@link ForeignServerException} unless the Redis on the port keeps its data in {@code dataDirectory}. */
    static void requireRedisOf(Path dataDirectory, int port) {
        String served = redisDirectory(port);
        if (!samePath(served, dataDirectory)) {
            throw new ForeignServerException("127.0.0.1:" + port + " is the Redis of another local home (data in "
                    + served + "), not of " + dataDirectory.toAbsolutePath().normalize() + ": stop that process, or "
                    + "give this home its own port (animerec.local.redis-port, or unset it to let the home pick)");
        }
    }

    static String postgresDataDirectory(int port) {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("connectTimeout", "5");
        login.setProperty("socketTimeout", "10");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", login);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("show data_directory")) {
                rows.next();
                return rows.getString(1);
            } catch (SQLException e) {
                // 57P03: the server is starting up or shutting down (a process of this home starting it); wait.
                if ("57P03".equals(e.getSQLState()) && System.nanoTime() < deadline) {
                    sleep();
                    continue;
                }
                throw new ForeignServerException("127.0.0.1:" + port + " accepts connections but is no local "
                        + "PostgreSQL of anime-rec (" + e.getMessage() + "): give this home another port", e);
            }
        }
    }

    static String redisDirectory(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$3\r\ndir\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // Expected: *2 / $3 / dir / $<n> / <directory>
            String header = line(in);
            if (!header.equals("*2")) {
                throw new IOException("unexpected answer to CONFIG GET dir: '" + header + "'");
            }
            line(in);
            line(in);
            line(in);
            return line(in);
        } catch (IOException e) {
            throw new ForeignServerException("127.0.0.1:" + port + " accepts connections but is no local Redis of "
                    + "anime-rec (" + e.getMessage() + "): give this home another port", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] all = bytes.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(b);
            previous = b;
        }
        throw new IOException("connection closed mid-answer");
    }

    /** Compares directories by their real paths when both exist (a symlinked home is the same home). */
    static boolean samePath(String served, Path expected) {
        if (served == null) {
            return false;
        }
        Path a = Path.of(served).toAbsolutePath().normalize();
        Path b = expected.toAbsolutePath().normalize();
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the textual comparison
        }
        return a.equals(b);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL to start", e);
        }
    }
}
