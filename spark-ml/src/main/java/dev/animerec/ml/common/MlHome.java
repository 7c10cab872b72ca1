package dev.animerec.ml.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local home layout (docs/data-contracts.md sections 4 and 5), read and written through Hadoop's file system
 * so that the same code runs on a local disk and on {@code gs://} (Dataproc ships the GCS connector).
 */
public final class MlHome {

    private final String home;
    private final Configuration hadoop;

    public MlHome(String home, Configuration hadoop) {
        this.home = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
        this.hadoop = hadoop;
    }

    public String home() {
        return home;
    }

    public String processedRoot() {
        return home + "/warehouse/processed";
    }

    public String processedVersion() {
        String version = readText(processedRoot() + "/CURRENT").trim();
        if (version.isEmpty()) {
            throw new IllegalStateException(processedRoot() + "/CURRENT is empty");
        }
        return version;
    }

    public String processedTable(String version, String table) {
        return processedRoot() + "/" + version + "/" + table + ".parquet";
    }

    public String modelsRoot() {
        return home + "/models";
    }

    public String modelDir(String version) {
        return modelsRoot() + "/" + version;
    }

    public String deadLetterDir(String stage) {
        return home + "/warehouse/dead-letter/" + stage;
    }

    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String readText(String path) {
        Path p = new Path(path);
        try (InputStream in = p.getFileSystem(hadoop).open(p)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public OutputStream create(String path) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(hadoop).create(p, true);
    }

    public InputStream open(String path) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(hadoop).open(p);
    }

    /** Writes a one-line pointer file by rename so that readers never see half a version name. */
    public void writePointer(String path, String value) {
        Path target = new Path(path);
        Path temporary = new Path(path + ".tmp");
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            try (OutputStream out = fs.create(temporary, true)) {
                out.write((value + "\n").getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename " + temporary + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    public dev.animerec.ml.serving.ServingModel.ArtifactFiles files(String directory) {
        return new dev.animerec.ml.serving.ServingModel.ArtifactFiles() {
            @Override
            public OutputStream create(String name) throws IOException {
                return MlHome.this.create(directory + "/" + name);
            }

            @Override
            public InputStream open(String name) throws IOException {
                return MlHome.this.open(directory + "/" + name);
            }

            @Override
            public boolean exists(String name) {
                return MlHome.this.exists(directory + "/" + name);
            }
        };
    }
}
