package dev.animerec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * When a Pub/Sub test skips and when it fails: a skip only where the emulator is not installed; an installed
 * emulator that does not start fails the test with its output. The SDK here is a real directory layout with a
 * gcloud launcher script that fails the way a broken install does.
 */
class PubSubEmulatorTest {

    @TempDir
    Path sdk;

    @Test
    void anInstalledEmulatorThatDoesNotStartFailsTheTestWithItsOutput() throws IOException {
        Path bin = installGcloud("echo 'ERROR: (gcloud.beta.emulators.pubsub.start) java not found' >&2; exit 1");
        Files.createDirectories(sdk.resolve("platform/pubsub-emulator"));

        assertThatThrownBy(() -> PubSubEmulator.startOrSkip("SomePubSubIT", bin.toString(), null))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining("java not found");
    }

    @Test
    void gcloudWithoutTheEmulatorComponentSkips() throws IOException {
        Path bin = installGcloud("exit 0");

        assertThat(PubSubEmulator.find(bin.toString())).isEmpty();
        assertThatThrownBy(() -> PubSubEmulator.startOrSkip("SomePubSubIT", bin.toString(), null))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void noGcloudAtAllSkips() {
        assertThatThrownBy(() -> PubSubEmulator.startOrSkip("SomePubSubIT", sdk.toString(), null))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void whereCiRequiresTheEmulatorItsAbsenceFails() {
        assertThatThrownBy(() -> PubSubEmulator.startOrSkip("SomePubSubIT", sdk.toString(), PubSubEmulator.REQUIRED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PubSubEmulator.REQUIREMENT_VARIABLE);
    }

    private Path installGcloud(String body) throws IOException {
        Path bin = Files.createDirectories(sdk.resolve("bin"));
        Path gcloud = bin.resolve("gcloud");
        Files.writeString(gcloud, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(gcloud, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
