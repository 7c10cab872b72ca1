package dev.animerec.artefacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the ML flow keeps each model version's artefacts, and where publish reads them: the layout of
 * docs/data-contracts.md ({@code models/<version>/...}, {@code models/CURRENT}) under one root, reached through
 * Java NIO so that one piece of code serves a local folder ({@code var}, or any path) and Cloud Storage
 * ({@code gs://bucket/prefix}, through google-cloud-nio's file system provider, which the process must have on
 * its classpath; without it {@link #open(String)} fails and says so).
 * <p>
 * A version is immutable once written: every run writes a version of its own (the Vertex schedule names it after
 * the run), and {@code models/CURRENT} names the version to serve, written last, as one object.
 */
public final class ArtefactStore {

    public static final String MODELS = "models";
    public static final String CURRENT = "CURRENT";

    private final Path root;

    private ArtefactStore(Path root) {
        this.root = root;
    }

    /** The store at a path of any NIO file system (a local folder, a google-cloud-nio bucket, a test's in-memory one). */
    public static ArtefactStore at(Path root) {
        return new ArtefactStore(root);
    }

    /**
     * The store a URI names: {@code gs://bucket[/prefix]} (Cloud Storage through google-cloud-nio, with the
     * environment's Application Default Credentials) or a local path ({@code var}, {@code /data/anime-rec},
     * {@code file:///...}).
     */
    public static ArtefactStore open(String uri) {
        if (uri.startsWith("gs://")) {
            try {
                return new ArtefactStore(Path.of(URI.create(uri.endsWith("/") ? uri : uri + "/")));
            } catch (FileSystemNotFoundException | ProviderNotFoundException e) {
                throw new IllegalStateException("no file system for " + uri + ": the process needs "
                        + "com.google.cloud:google-cloud-nio on its classpath to read Cloud Storage", e);
            }
        }
        return new ArtefactStore(uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri));
    }

    public Path root() {
        return root;
    }

    /** Whether this store is the local folder {@code local} itself (then nothing needs copying). */
    public boolean isLocalFolder(Path local) {
        return root.getFileSystem().equals(local.getFileSystem())
                && root.toAbsolutePath().normalize().equals(local.toAbsolutePath().normalize());
    }

    /** The folder of one model version. */
    public Path modelVersion(String version) {
        if (version.isBlank() || version.contains("/") || version.contains("..")) {
            throw new IllegalArgumentException("not a model version name: '" + version + "'");
        }
        return root.resolve(MODELS).resolve(version);
    }

    /** The version {@code models/CURRENT} names. */
    public String currentModelVersion() {
        Path pointer = root.resolve(MODELS).resolve(CURRENT);
        if (!Files.exists(pointer)) {
            throw new IllegalArgumentException(pointer.toUri() + " does not exist: no model version was finished");
        }
        try {
            String version = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            if (version.isEmpty()) {
                throw new IllegalArgumentException(pointer.toUri() + " is empty");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer.toUri(), e);
        }
    }

    /** Names {@code version} in {@code models/CURRENT}; the version must exist. */
    public void makeCurrent(String version) {
        if (!Files.isDirectory(modelVersion(version))) {
            throw new IllegalArgumentException("model version " + version + " does not exist in " + root.toUri());
        }
        try {
            Files.writeString(root.resolve(MODELS).resolve(CURRENT), version + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(MODELS).resolve(CURRENT).toUri(), e);
        }
    }

    /** Every model version in the store, by name. */
    public List<String> modelVersions() {
        Path models = root.resolve(MODELS);
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(models)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString().replaceAll("/$", ""))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + models.toUri(), e);
        }
    }

    /**
     * The files of one model version, relative to its folder ({@code recommendations.parquet/part-0.parquet},
     * {@code serving/...}), sorted. Cloud Storage has no folders, only object names: a "folder" is listed by
     * its objects.
     */
    public List<String> files(String version) {
        Path folder = modelVersion(version);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("model version " + version + " does not exist in " + root.toUri());
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(folder.relativize(f).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder.toUri(), e);
        }
        files.sort(null);
        return files;
    }

    /**
     * A local copy of one model version in {@code localModels/<version>}, for readers that need local files
     * (DuckDB, Parquet readers). Copied into a temporary sibling first and renamed when complete, so a copy cut
     * short never looks finished; a complete copy already there is reused, as versions never change.
     */
    public Path copyToLocal(String version, Path localModels) {
        Path target = localModels.resolve(version);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = localModels.resolve(version + ".partial");
        try {
            deleteRecursively(partial);
            Path source = modelVersion(version);
            for (String file : files(version)) {
                Path destination = partial.resolve(file);
                Files.createDirectories(destination.getParent());
                try (var in = Files.newInputStream(source.resolve(file))) {
                    Files.copy(in, destination);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy model version " + version + " from " + root.toUri()
                    + " to " + target, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
