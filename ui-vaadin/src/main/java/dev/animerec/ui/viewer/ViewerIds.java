package dev.animerec.ui.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Anonymous viewer ids, signed so that nobody can claim someone else's: {@code v1.<id>.<HMAC-SHA256(secret, "v1." +
 * id)>}, base64url. A browser gets one in the {@value #COOKIE} cookie, an API client one as its token ({@code POST
 * /api/v1/clients}); feedback is stored per viewer, so a viewer only ever changes their own picks.
 *
 * <p>The secret is {@code animerec.viewer.secret} ({@code ANIMEREC_VIEWER_SECRET}; required by the gcp profile). Left
 * empty locally, it is read from {@code <animerec.local.home>/viewer-secret}, created with 32 random bytes on first
 * start, so ids survive a restart of the local app.
 */
@Component
public class ViewerIds {

    public static final String COOKIE = "animerec_viewer";
    private static final Logger log = LoggerFactory.getLogger(ViewerIds.class);
    private static final Pattern FORM = Pattern.compile("v1\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public ViewerIds(@Value("${animerec.viewer.secret:}") String secret,
                     @Value("${animerec.local.home:var}") String localHome) {
        byte[] bytes = secret.isBlank() ? localSecret(Path.of(localHome)) : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("animerec.viewer.secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static byte[] localSecret(Path home) {
        Path file = home.resolve("viewer-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path temporary = Files.createTempFile(home, "viewer-secret", ".tmp");
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(fresh));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                log.info("Created the viewer-id signing secret {} (set ANIMEREC_VIEWER_SECRET to use your own)", file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return localSecret(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the viewer-id secret " + file
                    + " (or set ANIMEREC_VIEWER_SECRET)", e);
        }
    }

    /** A new signed viewer id. */
    public String issue() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String body = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return body + "." + sign(body);
    }

    /** The viewer id of a signed token, or empty when the token is absent, malformed or not signed by us. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var match = FORM.matcher(token);
        if (!match.matches()) {
            return Optional.empty();
        }
        byte[] expected = sign("v1." + match.group(1)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = match.group(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(match.group(1)) : Optional.empty();
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
