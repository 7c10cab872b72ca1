package dev.animerec.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart rendered by real Helm (helm-java: Helm's own Go code in-process) and every object read into
 * fabric8's Kubernetes model, strictly: a field the model does not know, or a value of the wrong type, lands
 * in some object's {@code additionalProperties}, which must all be empty. Kinds the model does not have
 * (GKE's BackendConfig) come back as {@link GenericKubernetesResource} and are only accepted when listed in
 * {@link #CUSTOM_KINDS}, to be checked field by field by the tests.
 */
final class RenderedChart {

    static final Path CHARTS = Path.of(System.getProperty("charts.dir", ".")).toAbsolutePath().normalize();
    static final Path CHART = CHARTS.resolve("anime-rec");
    static final Path REQUIRED_VALUES = Path.of("src/test/resources/required-values.yaml").toAbsolutePath();
    static final Path PRODUCTION_VALUES = CHARTS.resolve("values-production.yaml");
    static final String RELEASE = "anime-rec";

    /** Custom resources the chart may render: apiVersion/kind. */
    static final Set<String> CUSTOM_KINDS = Set.of("cloud.google.com/v1/BackendConfig");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** {@code helm template anime-rec <chart> -f <values>...}; Helm's error message as the exception's. */
    static RenderedChart renderChart(Path chart, Path... valuesFiles) {
        var template = new Helm(chart).template().withName(RELEASE).withNamespace("anime-rec");
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return new RenderedChart(parse(template.call()));
    }

    static RenderedChart render(Path... valuesFiles) {
        return renderChart(CHART, valuesFiles);
    }

    /**
     * {@code helm lint --strict} of the chart with these values. helm-java's lint takes no values file, so
     * the chart is copied with its values.yaml overlaid by them (maps merged key by key, as Helm merges -f
     * files), and the copy is linted.
     */
    static LintResult lint(Path... valuesFiles) {
        try {
            Path copy = copyOfChart();
            YAMLMapper yaml = new YAMLMapper();
            Map<String, Object> values = readMap(yaml, CHART.resolve("values.yaml"));
            for (Path file : valuesFiles) {
                merge(values, readMap(yaml, file));
            }
            Files.writeString(copy.resolve("values.yaml"), yaml.writeValueAsString(values));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the chart with the pipeline spec link resolved, in a temporary directory. */
    static Path copyOfChart() throws IOException {
        Path target = Files.createTempDirectory("anime-rec-chart").resolve("anime-rec");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(YAMLMapper yaml, Path file) {
        Map<String, Object> map = yaml.readValue(file.toFile(), LinkedHashMap.class);
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                into.put(key, value);
            }
        });
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            boolean empty = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (empty) {
                continue;
            }
            HasMetadata object = SERIALIZATION.unmarshal(document);
            String type = object.getApiVersion() + "/" + object.getKind();
            if (object instanceof GenericKubernetesResource && !CUSTOM_KINDS.contains(type)) {
                throw new AssertionError("not a Kubernetes kind the model knows: " + type + "\n" + document);
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(object, type + " " + object.getMetadata().getName(), unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new AssertionError("fields the Kubernetes schema does not have: " + unknown + "\n" + document);
            }
            parsed.add(object);
        }
        return parsed;
    }

    /** Walks the model's getters; every non-empty additionalProperties is a field the schema does not have. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof GenericKubernetesResource) {
            return; // its content is all "additional": the tests check custom kinds field by field
        }
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
        }
    }

    List<HasMetadata> objects() {
        return objects;
    }

    /** The one object of this kind and name. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + type.getSimpleName() + " named " + name + " among "
                    + objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList());
        }
        return found.get(0);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    GenericKubernetesResource custom(String kind, String name) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals(kind)
                        && o.getMetadata().getName().equals(name))
                .map(GenericKubernetesResource.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** Plain JSON of an object, for comparing nested custom content. */
    static String json(Object value) {
        return JsonMapper.builder().build().writeValueAsString(value);
    }
}
