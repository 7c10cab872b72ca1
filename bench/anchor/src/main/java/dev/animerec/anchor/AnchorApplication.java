package dev.animerec.anchor;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare Boot + Redis endpoint the serving app's latency is compared with (bench/anchor/run): {@code GET
 * /users/{key}} answers the user's published top 100 bytes straight from Redis (the pointer re-read at most once a
 * second, as the app does), one round trip, no parsing, no filters, no draw. Run with {@code
 * --spring.data.redis.port=...} on the serving app's Redis.
 */
@SpringBootApplication
@RestController
public class AnchorApplication {

    private final StringRedisTemplate redis;
    private volatile String version;
    private volatile long versionReadAt;

    public AnchorApplication(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public static void main(String[] args) {
        SpringApplication.run(AnchorApplication.class, args);
    }

    @GetMapping("/users/{key}")
    ResponseEntity<byte[]> user(@PathVariable String key) {
        long now = System.nanoTime();
        if (version == null || now - versionReadAt > 1_000_000_000L) {
            version = redis.opsForValue().get("animerec:current");
            versionReadAt = now;
        }
        byte[] field = key.getBytes(StandardCharsets.UTF_8);
        byte[] hash = ("animerec:v:" + version + ":recs").getBytes(StandardCharsets.UTF_8);
        byte[] body = redis.execute((RedisCallback<byte[]>) connection -> connection.hashCommands().hGet(hash, field));
        return body == null ? ResponseEntity.notFound().build()
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
