package dev.animerec.localruntime;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Embedded PostgreSQL and Redis for the {@code local} profile, each only when its external url is not
 * configured ({@code spring.datasource.url}, {@code spring.data.redis.url} / {@code host}). The {@code gcp}
 * profile sets those urls (Cloud SQL, Memorystore), so the same beans downstream see managed servers.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, RedisAutoConfiguration.class})
@EnableConfigurationProperties(LocalRuntimeProperties.class)
@Profile("local")
public class LocalRuntimeAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HikariDataSource.class, io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class})
    @ConditionalOnMissingExternalUrl({"spring.datasource.url"})
    static class Postgres {

        @Bean(destroyMethod = "close")
        LocalPostgres localPostgres(LocalRuntimeProperties properties) {
            return new LocalHome(properties).postgres();
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(DataSource.class)
        HikariDataSource dataSource(LocalPostgres postgres) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(postgres.jdbcUrl());
            dataSource.setUsername(postgres.username());
            dataSource.setPoolName("local-postgres");
            dataSource.setMaximumPoolSize(10);
            return dataSource;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({LettuceConnectionFactory.class, redis.embedded.RedisServer.class})
    @ConditionalOnMissingExternalUrl({"spring.data.redis.url", "spring.data.redis.host"})
    static class Redis {

        @Bean(destroyMethod = "close")
        LocalRedis localRedis(LocalRuntimeProperties properties) {
            return new LocalHome(properties).redis();
        }

        @Bean
        @ConditionalOnMissingBean(RedisConnectionFactory.class)
        LettuceConnectionFactory redisConnectionFactory(LocalRedis redis) {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        }
    }
}
