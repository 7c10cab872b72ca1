package dev.animerec.localruntime;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded servers keep their state and, when set, which loopback ports they listen on. Settable as
 * {@code animerec.local.*} or through the environment ({@code ANIMEREC_LOCAL_HOME}, ...). Unset ports are
 * the home's own, chosen and recorded by {@link LocalHome}.
 */
@ConfigurationProperties("animerec.local")
public record LocalRuntimeProperties(Path home, Integer postgresPort, Integer redisPort) {

    public LocalRuntimeProperties {
        home = home != null ? home : Path.of("var");
    }
}
