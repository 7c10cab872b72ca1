package dev.animerec.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerIdsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;

    @Test
    void anIssuedIdVerifiesAndAnyChangeToItDoesNot() {
        ViewerIds viewers = new ViewerIds(SECRET, home.toString());
        String token = viewers.issue();
        assertThat(token).matches("v1\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
        String id = token.split("\\.")[1];
        assertThat(viewers.verify(token)).contains(id);
        assertThat(viewers.issue()).isNotEqualTo(token);

        String otherId = (id.charAt(0) == 'A' ? 'B' : 'A') + id.substring(1);
        assertThat(viewers.verify(token.replace(id, otherId))).as("another id with this signature").isEmpty();
        String signature = token.split("\\.")[2];
        String otherSignature = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        assertThat(viewers.verify(token.replace(signature, otherSignature))).isEmpty();
        assertThat(new ViewerIds("another secret of at least 32 bytes", home.toString()).verify(token))
                .as("signed with another secret").isEmpty();
        for (String malformed : new String[] {null, "", "v1", "v2." + id + "." + signature, token + ".x", token + " "}) {
            assertThat(viewers.verify(malformed)).as(String.valueOf(malformed)).isEmpty();
        }
    }

    @Test
    void withoutASecretTheLocalOneIsCreatedPrivatelyAndKeptAcrossRestarts() throws Exception {
        String token = new ViewerIds("", home.toString()).issue();
        Path secret = home.resolve("viewer-secret");
        assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new ViewerIds("", home.toString()).verify(token)).as("after a restart").isPresent();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new ViewerIds("short", home.toString())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
