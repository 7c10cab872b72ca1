package dev.animerec.ml.serving;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serving artefacts: item catalogue, ALS item factors, item-to-item neighbours and the GBT forest. On disk
 * ({@code serving/}): {@code manifest.json}, {@code catalogue.json}, {@code neighbours.json}, {@code gbt.json}
 * (absent until the ranking step ran), {@code ease.bin} (see {@link Ease}) and {@code item_factors.bin} (big-endian float32, {@code items x rank},
 * rows in catalogue order). Nothing here needs Spark.
 */
public record ServingModel(Signals signals, ItemCatalogue catalogue, ItemFactors factors, Neighbours neighbours,
                           Ease ease, GbtForest forest) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public record Manifest(int items, int rank, double regParam, double alpha, boolean negativeFeedback,
                           List<String> features) {
    }

    /** A list in the model's item space; {@code unknown} counts the entries whose anime the model does not know. */
    public record MappedList(UserList list, int unknown) {
    }

    /** Streams by file name, so the batch can write to a local disk or to GCS through Hadoop's file system. */
    public interface ArtifactFiles {
        OutputStream create(String name) throws IOException;

        InputStream open(String name) throws IOException;

        boolean exists(String name) throws IOException;
    }

    public ServingModel withForest(GbtForest newForest) {
        return new ServingModel(signals, catalogue, factors, neighbours, ease, newForest);
    }

    public MappedList userList(String username, Map<Integer, Integer> indexById, int[] animeIds, String[] statuses,
                               int[] scores) {
        List<Integer> kept = new ArrayList<>(animeIds.length);
        for (int e = 0; e < animeIds.length; e++) {
            if (indexById.containsKey(animeIds[e])) {
                kept.add(e);
            }
        }
        int[] items = new int[kept.size()];
        double[] ratings = new double[kept.size()];
        int[] keptScores = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int e = kept.get(k);
            items[k] = indexById.get(animeIds[e]);
            ratings[k] = signals.weight(statuses[e], scores[e]);
            keptScores[k] = scores[e];
        }
        return new MappedList(new UserList(username, items, ratings, keptScores), animeIds.length - kept.size());
    }

    public void write(ArtifactFiles files) throws IOException {
        try (OutputStream out = files.create("manifest.json")) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, new Manifest(catalogue.size(), factors.rank(),
                    factors.regParam(), factors.alpha(), signals.negativeFeedback(), Features.NAMES));
        }
        try (OutputStream out = files.create("catalogue.json")) {
            JSON.writeValue(out, catalogue);
        }
        try (OutputStream out = files.create("neighbours.json")) {
            JSON.writeValue(out, neighbours);
        }
        if (forest != null) {
            try (OutputStream out = files.create("gbt.json")) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, forest);
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(files.create("item_factors.bin")))) {
            for (float f : factors.factors()) {
                out.writeFloat(f);
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(files.create("ease.bin")))) {
            out.writeInt(ease.items().length);
            for (int item : ease.items()) {
                out.writeInt(item);
            }
            for (float w : ease.weights()) {
                out.writeFloat(w);
            }
        }
    }

    public static ServingModel read(ArtifactFiles files) throws IOException {
        Manifest manifest;
        try (InputStream in = files.open("manifest.json")) {
            manifest = JSON.readValue(in, Manifest.class);
        }
        if (!Features.NAMES.equals(manifest.features())) {
            throw new IOException("serving artefacts were built with features " + manifest.features()
                    + " but this scorer computes " + Features.NAMES);
        }
        ItemCatalogue catalogue;
        try (InputStream in = files.open("catalogue.json")) {
            catalogue = JSON.readValue(in, ItemCatalogue.class);
        }
        Neighbours neighbours;
        try (InputStream in = files.open("neighbours.json")) {
            neighbours = JSON.readValue(in, Neighbours.class);
        }
        GbtForest forest = null;
        if (files.exists("gbt.json")) {
            try (InputStream in = files.open("gbt.json")) {
                forest = JSON.readValue(in, GbtForest.class);
            }
        }
        float[] factors = new float[manifest.items() * manifest.rank()];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(files.open("item_factors.bin")))) {
            for (int i = 0; i < factors.length; i++) {
                factors[i] = in.readFloat();
            }
        }
        Ease ease;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(files.open("ease.bin")))) {
            int[] items = new int[in.readInt()];
            for (int i = 0; i < items.length; i++) {
                items[i] = in.readInt();
            }
            float[] weights = new float[items.length * items.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            ease = new Ease(items, weights);
        }
        return new ServingModel(new Signals(manifest.negativeFeedback()), catalogue,
                ItemFactors.of(manifest.rank(), manifest.regParam(), manifest.alpha(), factors), neighbours, ease,
                forest);
    }

    public static ServingModel load(Path directory) {
        try {
            return read(localFiles(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load serving artefacts from " + directory, e);
        }
    }

    public static ArtifactFiles localFiles(Path directory) {
        return new ArtifactFiles() {
            @Override
            public OutputStream create(String name) throws IOException {
                Files.createDirectories(directory);
                return Files.newOutputStream(directory.resolve(name));
            }

            @Override
            public InputStream open(String name) throws IOException {
                return Files.newInputStream(directory.resolve(name));
            }

            @Override
            public boolean exists(String name) {
                return Files.exists(directory.resolve(name));
            }
        };
    }
}
