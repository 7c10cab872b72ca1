package dev.animerec.localruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that know whose they are: two local homes preferring the same ports get two sets of servers, a home
 * records the ports it took, and a home told to use another home's port refuses, naming the other directory.
 * The "default" ports here are free ones, never the 54329 / 63799 a running demo may hold.
 */
class LocalHomeIT {

    @TempDir
    Path first;
    @TempDir
    Path second;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }

    @Test
    void twoHomesPreferringTheSamePortsGetTwoSetsOfServers() throws Exception {
        int postgresDefault = Ports.free();
        int redisDefault = Ports.free();
        LocalHome a = new LocalHome(new LocalRuntimeProperties(first, null, null), postgresDefault, redisDefault);
        LocalHome b = new LocalHome(new LocalRuntimeProperties(second, null, null), postgresDefault, redisDefault);

        LocalPostgres postgresA = keep(a.postgres());
        LocalRedis redisA = keep(a.redis());
        LocalPostgres postgresB = keep(b.postgres());
        LocalRedis redisB = keep(b.redis());

        assertThat(postgresA.owned()).isTrue();
        assertThat(postgresA.port()).isEqualTo(postgresDefault);
        assertThat(redisA.port()).isEqualTo(redisDefault);
        assertThat(postgresB.owned()).as("the second home starts its own PostgreSQL").isTrue();
        assertThat(redisB.owned()).as("the second home starts its own Redis").isTrue();
        assertThat(postgresB.port()).isNotEqualTo(postgresDefault);
        assertThat(redisB.port()).isNotEqualTo(redisDefault);

        // Each server serves its own home's data, as the servers themselves report it.
        assertThat(ServerIdentity.samePath(dataDirectoryOf(postgresA), first.resolve("postgres"))).isTrue();
        assertThat(ServerIdentity.samePath(dataDirectoryOf(postgresB), second.resolve("postgres"))).isTrue();
        assertThat(ServerIdentity.samePath(ServerIdentity.redisDirectory(redisB.port()), second.resolve("redis")))
                .isTrue();
        // A row written through one home is not in the other's database.
        execute(postgresA, "create table written_by_a (id int)");
        assertThatThrownBy(() -> execute(postgresB, "select * from written_by_a")).hasMessageContaining("written_by_a");

        // The ports each home took are recorded under it; a later process of the home reads them and attaches.
        assertThat(b.recordedPorts().getProperty("postgres.port")).isEqualTo(String.valueOf(postgresB.port()));
        assertThat(b.recordedPorts().getProperty("redis.port")).isEqualTo(String.valueOf(redisB.port()));
        LocalHome bAgain = new LocalHome(new LocalRuntimeProperties(second, null, null), postgresDefault, redisDefault);
        LocalPostgres attached = keep(bAgain.postgres());
        LocalRedis attachedRedis = keep(bAgain.redis());
        assertThat(attached.owned()).isFalse();
        assertThat(attached.port()).isEqualTo(postgresB.port());
        assertThat(attachedRedis.owned()).isFalse();
        assertThat(attachedRedis.port()).isEqualTo(redisB.port());
    }

    @Test
    void aHomeRefusesToAttachToAnotherHomesServersOnAnExplicitPort() throws Exception {
        int postgresPort = Ports.free();
        int redisPort = Ports.free();
        LocalHome owner = new LocalHome(new LocalRuntimeProperties(first, postgresPort, redisPort));
        keep(owner.postgres());
        keep(owner.redis());

        LocalHome intruder = new LocalHome(new LocalRuntimeProperties(second, postgresPort, redisPort));
        assertThatThrownBy(intruder::postgres).isInstanceOf(ForeignServerException.class)
                .hasMessageContaining("127.0.0.1:" + postgresPort)
                .hasMessageContaining(first.resolve("postgres").toRealPath().toString())
                .hasMessageContaining(second.resolve("postgres").toAbsolutePath().toString());
        assertThatThrownBy(intruder::redis).isInstanceOf(ForeignServerException.class)
                .hasMessageContaining("127.0.0.1:" + redisPort)
                .hasMessageContaining(first.resolve("redis").toRealPath().toString());
    }

    @Test
    void somethingElseOnThePortIsRefusedToo() throws Exception {
        try (java.net.ServerSocket notPostgres = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        notPostgres.accept().close(); // accepts, then hangs up: no server of any home
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LocalHome home = new LocalHome(new LocalRuntimeProperties(first, notPostgres.getLocalPort(),
                    notPostgres.getLocalPort()));
            assertThatThrownBy(home::postgres).isInstanceOf(ForeignServerException.class)
                    .hasMessageContaining("no local PostgreSQL of anime-rec");
            assertThatThrownBy(home::redis).isInstanceOf(ForeignServerException.class)
                    .hasMessageContaining("no local Redis of anime-rec");
            acceptor.interrupt();
        }
    }

    private <T extends AutoCloseable> T keep(T server) {
        servers.add(server);
        return server;
    }

    private static String dataDirectoryOf(LocalPostgres postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("show data_directory")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(LocalPostgres postgres, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
