package dev.animerec.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.animerec.localruntime.Ports;
import org.junit.jupiter.api.Assumptions;

/**
 * The Pub/Sub emulator of the Google Cloud SDK ({@code gcloud beta emulators pubsub start}) on a free
 * loopback port, started and stopped by the test. Shared by the modules' Pub/Sub tests through the shared test
 * jar. {@link #find()} is empty when the SDK or its emulator component is not installed; that, and only that,
 * skips a Pub/Sub test ({@code PubSubEmulatorTest}).
 */
public final class PubSubEmulator implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PubSubEmulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Set to {@value #REQUIRED} by {@code .ci/run} where it found the emulator: a Pub/Sub test that then finds
     * no emulator fails instead of skipping, so CI cannot lose its Pub/Sub coverage to a changed install.
     */
    static final String REQUIREMENT_VARIABLE = "ANIMEREC_PUBSUB_EMULATOR";
    static final String REQUIRED = "required";

    /** The gcloud launcher when it and its Pub/Sub emulator component are installed. */
    public static Optional<Path> find() {
        return find(System.getenv("PATH"));
    }

    /** The gcloud on the given search path whose SDK has the {@code platform/pubsub-emulator} component. */
    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path gcloud = Path.of(directory, "gcloud");
            if (Files.isExecutable(gcloud)) {
                try {
                    Path sdkRoot = gcloud.toRealPath().getParent().getParent();
                    if (Files.isDirectory(sdkRoot.resolve("platform").resolve("pubsub-emulator"))) {
                        return Optional.of(gcloud);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot resolve " + gcloud, e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the emulator. Skips the calling test class only where the emulator is not installed (no gcloud, or
     * gcloud without its pubsub-emulator component), saying so loudly on stderr; where it is installed, a start
     * failure fails the test with the emulator's own output, and so does its absence where
     * {@value #REQUIREMENT_VARIABLE}={@value #REQUIRED}.
     */
    public static PubSubEmulator startOrSkip(String testName) throws IOException, InterruptedException {
        return startOrSkip(testName, System.getenv("PATH"), System.getenv(REQUIREMENT_VARIABLE));
    }

    static PubSubEmulator startOrSkip(String testName, String path, String requirement)
            throws IOException, InterruptedException {
        return start(installedOrSkip(testName, path, requirement));
    }

    /**
     * The gcloud launcher with the emulator component, or a skip of the calling test where it is not installed
     * (a failure where {@value #REQUIREMENT_VARIABLE}={@value #REQUIRED}), for tests that start the emulator
     * their own way.
     */
    public static Path installedOrSkip(String testName) {
        return installedOrSkip(testName, System.getenv("PATH"), System.getenv(REQUIREMENT_VARIABLE));
    }

    static Path installedOrSkip(String testName, String path, String requirement) {
        Optional<Path> gcloud = find(path);
        if (gcloud.isEmpty()) {
            if (REQUIRED.equals(requirement)) {
                throw new IllegalStateException(testName + ": " + REQUIREMENT_VARIABLE + "=" + REQUIRED
                        + " but no gcloud with the pubsub-emulator component is on PATH (" + path + ")");
            }
            System.err.println("\n*** SKIPPED " + testName + ": no gcloud with the pubsub-emulator component on PATH."
                    + " Install google-cloud-cli and google-cloud-cli-pubsub-emulator to test the gcp binding. ***\n");
            Assumptions.abort("Pub/Sub emulator not installed (gcloud pubsub-emulator)");
        }
        return gcloud.get();
    }

    public static PubSubEmulator start(Path gcloud) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("pubsub-emulator", ".log");
        Process process = new ProcessBuilder(gcloud.toString(), "beta", "emulators", "pubsub", "start",
                "--host-port=127.0.0.1:" + port, "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PubSubEmulator emulator = new PubSubEmulator(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Ports.listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                // Read the emulator's output before close() deletes its log: the output says why.
                String output = Files.readString(log);
                emulator.close();
                throw new IllegalStateException("the Pub/Sub emulator did not start on port " + port + ":\n" + output);
            }
            Thread.sleep(250);
        }
        return emulator;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** gcloud runs the emulator as a child JVM: stop the children too, or the port stays taken. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            System.err.println("could not delete " + log + ": " + e.getMessage());
        }
    }
}
