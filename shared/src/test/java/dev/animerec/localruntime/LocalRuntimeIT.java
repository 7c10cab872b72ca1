package dev.animerec.localruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** The local profile starts real PostgreSQL and Redis servers, serves real queries, and stops them cleanly. */
class LocalRuntimeIT {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class MinimalApp {
    }

    @TempDir
    Path home;

    @Test
    void localProfileRunsRealServersAndStopsThem() throws IOException {
        int postgresPort = freePort();
        int redisPort = freePort();

        try (ConfigurableApplicationContext context = start(postgresPort, redisPort)) {
            LocalPostgres postgres = context.getBean(LocalPostgres.class);
            LocalRedis redis = context.getBean(LocalRedis.class);
            assertThat(postgres.owned()).isTrue();
            assertThat(redis.owned()).isTrue();

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
            jdbc.execute("create table probe (id int primary key, name text)");
            jdbc.update("insert into probe values (?, ?)", 1, "Steins;Gate");
            assertThat(jdbc.queryForObject("select name from probe where id = ?", String.class, 1))
                    .isEqualTo("Steins;Gate");

            StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
            redisTemplate.opsForValue().set("probe", "9253");
            assertThat(redisTemplate.opsForValue().get("probe")).isEqualTo("9253");
            assertThat(redisTemplate.getConnectionFactory().getConnection().ping()).isEqualTo("PONG");

            assertThat(Ports.listening(postgresPort)).isTrue();
            assertThat(Ports.listening(redisPort)).isTrue();
            assertThat(Files.isDirectory(home.resolve("postgres"))).isTrue();
        }

        assertThat(Ports.listening(postgresPort)).as("PostgreSQL stopped").isFalse();
        assertThat(Ports.listening(redisPort)).as("Redis stopped").isFalse();

        // State survives a restart: the data directory under the home is reused.
        try (ConfigurableApplicationContext again = start(postgresPort, redisPort)) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from probe", Integer.class)).isEqualTo(1);
            assertThat(again.getBean(StringRedisTemplate.class).opsForValue().get("probe")).isEqualTo("9253");
        }
    }

    @Test
    void secondProcessAttachesToRunningServersInsteadOfStartingItsOwn() throws IOException {
        int postgresPort = freePort();
        int redisPort = freePort();
        try (ConfigurableApplicationContext owner = start(postgresPort, redisPort);
             ConfigurableApplicationContext guest = start(postgresPort, redisPort)) {
            assertThat(guest.getBean(LocalPostgres.class).owned()).isFalse();
            assertThat(guest.getBean(LocalRedis.class).owned()).isFalse();
            assertThat(guest.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class)).isEqualTo(1);
            guest.close();
            assertThat(Ports.listening(postgresPort)).as("the guest leaves the owner's server running").isTrue();
        }
    }

    @Test
    void externalUrlsDisableTheEmbeddedServers() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MinimalApp.class)
                .web(WebApplicationType.NONE)
                .profiles("local")
                .properties("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                        "spring.data.redis.host=127.0.0.1", "spring.datasource.hikari.initialization-fail-timeout=-1",
                        "spring.flyway.enabled=false", "animerec.local.home=" + home)
                .run()) {
            assertThat(context.getBeansOfType(LocalPostgres.class)).isEmpty();
            assertThat(context.getBeansOfType(LocalRedis.class)).isEmpty();
        }
    }

    private ConfigurableApplicationContext start(int postgresPort, int redisPort) {
        return new SpringApplicationBuilder(MinimalApp.class)
                .web(WebApplicationType.NONE)
                .profiles("local")
                .properties("animerec.local.home=" + home, "animerec.local.postgres-port=" + postgresPort,
                        "animerec.local.redis-port=" + redisPort)
                .run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aBrokenDataDirectoryFailsAtOnceWithTheReasonInsteadOfWaitingForAnotherProcess() throws IOException {
        Path data = home.resolve("broken-postgres");
        Files.createDirectories(data);
        // A data directory of a PostgreSQL major version that does not exist: initdb is skipped, the start fails.
        Files.writeString(data.resolve("PG_VERSION"), "7\n");
        long started = System.nanoTime();
        assertThatThrownBy(() -> LocalPostgres.startOrAttach(data, freePort()))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("cannot start embedded PostgreSQL")
                .hasMessageContaining(data.toAbsolutePath().toString());
        assertThat((System.nanoTime() - started) / 1e9).as("seconds until the failure").isLessThan(45);
    }
}
