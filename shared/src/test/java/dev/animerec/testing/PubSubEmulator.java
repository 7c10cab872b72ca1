package dev.animerec.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.animerec.localruntime.Ports;

/**
 * The Pub/Sub emulator of the Google Cloud SDK ({@code gcloud beta emulators pubsub start}) on a free
 * loopback port, started and stopped by the test. Shared by the modules' Pub/Sub tests through the shared test jar. {@link #find()} is empty when the SDK or its emulator
 * component is not installed.
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

    /** The gcloud launcher when it and its Pub/Sub emulator component are installed. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
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
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the emulator, or skips the calling test class where gcloud's emulator is not installed, saying so
     * loudly on stderr (a skipped Pub/Sub test must not pass unnoticed).
     */
    public static PubSubEmulator startOrSkip(String testName) throws IOException, InterruptedException {
        Optional<Path> gcloud = find();
        if (gcloud.isEmpty()) {
            System.err.println("\n*** SKIPPED " + testName + ": no gcloud with the pubsub-emulator component on PATH."
                    + " Install google-cloud-cli and google-cloud-cli-pubsub-emulator to test the gcp binding. ***\n");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(gcloud.isPresent(),
                "Pub/Sub emulator not installed (gcloud pubsub-emulator)");
        return start(gcloud.get());
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
                emulator.close();
                throw new IllegalStateException("the Pub/Sub emulator did not start on port " + port + ":\n"
                        + Files.readString(log));
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
