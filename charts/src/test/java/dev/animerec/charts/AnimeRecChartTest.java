package dev.animerec.charts;

import static dev.animerec.charts.RenderedChart.CHART;
import static dev.animerec.charts.RenderedChart.CHARTS;
import static dev.animerec.charts.RenderedChart.PRODUCTION_VALUES;
import static dev.animerec.charts.RenderedChart.REQUIRED_VALUES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The anime-rec chart rendered and linted by real Helm, every object strictly of the Kubernetes schema
 * ({@link RenderedChart}), and what each object must say checked field by field.
 */
class AnimeRecChartTest {

    private static final Path SPEC_FILE = CHARTS.getParent().resolve("composer/dags/anime_rec_pipeline.json");
    private static final JsonNode SPEC = JsonMapper.builder().build().readTree(SPEC_FILE.toFile());
    private static final Path SERVING_APPLICATION_YML =
            CHARTS.getParent().resolve("ui-vaadin/src/main/resources/application.yml");

    static PodSpec pod(HasMetadata workload) {
        if (workload instanceof CronJob cronJob) {
            return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        }
        if (workload instanceof Job job) {
            return job.getSpec().getTemplate().getSpec();
        }
        return ((Deployment) workload).getSpec().getTemplate().getSpec();
    }

    static Container container(HasMetadata workload) {
        List<Container> containers = pod(workload).getContainers();
        assertThat(containers).as(workload.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    static Map<String, List<String>> secretRefs(Container container) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                refs.put(env.getName(), List.of(env.getValueFrom().getSecretKeyRef().getName(),
                        env.getValueFrom().getSecretKeyRef().getKey()));
            }
        }
        return refs;
    }

    static Map<String, String> plainEnv(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    /** The defaults of values.yaml plus only the required settings: a GKE-only deployment, no Composer. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithRequiredValues {

        private final RenderedChart chart = RenderedChart.render(REQUIRED_VALUES);

        @Test
        void helmLintsTheChartStrictly() {
            LintResult lint = RenderedChart.lint(REQUIRED_VALUES);
            assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        }

        @Test
        void theReleaseIsExactlyTheseObjects() {
            assertThat(chart.objects()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                    .containsExactlyInAnyOrder(
                            tuple("ConfigMap", "anime-rec-config"), tuple("ServiceAccount", "anime-rec"),
                            tuple("Deployment", "anime-rec-crawler"), tuple("HorizontalPodAutoscaler", "anime-rec-crawler"),
                            tuple("Deployment", "anime-rec-serving"), tuple("Service", "anime-rec-serving"),
                            tuple("BackendConfig", "anime-rec-serving"), tuple("Ingress", "anime-rec-serving"),
                            tuple("Job", "anime-rec-ingest-launch-1"),
                            tuple("CronJob", "anime-rec-schedule-anime"), tuple("CronJob", "anime-rec-schedule-profiles"),
                            tuple("CronJob", "anime-rec-etl"));
            assertThat(chart.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/instance", "anime-rec")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm"));
        }

        @Test
        void theConfigMapSwitchesEveryPodToGcpStatesTheFleetBudgetAndHoldsNoSecret() {
            Map<String, String> config = chart.get(ConfigMap.class, "anime-rec-config").getData();
            assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("SPRING_PROFILES_ACTIVE", "gcp"),
                    Map.entry("SPRING_CLOUD_GCP_PROJECT_ID", "anime-rec-test"),
                    Map.entry("SPRING_DATASOURCE_URL", "jdbc:postgresql://10.10.0.3:5432/animerec"),
                    Map.entry("SPRING_DATA_REDIS_HOST", "10.10.1.4"), Map.entry("SPRING_DATA_REDIS_PORT", "6379"),
                    Map.entry("CRAWLER_MAL_PER_SECOND", "1"), Map.entry("CRAWLER_MAL_API_PER_SECOND", "1"),
                    Map.entry("CRAWLER_JIKAN_PER_SECOND", "3"), Map.entry("CRAWLER_JIKAN_PER_MINUTE", "60"),
                    Map.entry("CRAWLER_BUDGET_MARGIN_MS", "20"), Map.entry("CRAWLER_ROBOTS_TTL", "PT24H")));
            assertThat(config.keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("SECRET"));
        }

        @Test
        void everyJvmPodReadsTheConfigMapAndTheDatabaseLoginByReference() {
            List<HasMetadata> workloads = new ArrayList<>(chart.all(Deployment.class));
            workloads.addAll(chart.all(CronJob.class));
            assertThat(workloads).hasSize(5);
            for (HasMetadata workload : workloads) {
                Container container = container(workload);
                assertThat(pod(workload).getServiceAccountName()).isEqualTo("anime-rec");
                assertThat(container.getEnvFrom()).singleElement()
                        .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("anime-rec-config"));
                Map<String, List<String>> expected = new LinkedHashMap<>(Map.of(
                        "SPRING_DATASOURCE_USERNAME", List.of("anime-rec-database", "username"),
                        "SPRING_DATASOURCE_PASSWORD", List.of("anime-rec-database", "password")));
                if (workload.getMetadata().getName().equals("anime-rec-serving")) {
                    // Every replica verifies the viewer ids the others signed: one key, from one Secret.
                    expected.put("ANIMEREC_VIEWER_SECRET", List.of("anime-rec-viewer", "secret"));
                }
                assertThat(secretRefs(container)).as(workload.getMetadata().getName()).isEqualTo(expected);
            }
        }

        @Test
        void crawlerWorkersScaleOnTheCrawlQueueBacklogUpToTheStatedCeiling() {
            Deployment deployment = chart.get(Deployment.class, "anime-rec-crawler");
            assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
            Container container = container(deployment);
            assertThat(container.getImage()).isEqualTo("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/crawler:0.1.0-SNAPSHOT");
            assertThat(container.getArgs()).containsExactly("worker");
            HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, "anime-rec-crawler");
            assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(hpa.getSpec().getScaleTargetRef()).satisfies(ref -> {
                assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
                assertThat(ref.getKind()).isEqualTo("Deployment");
                assertThat(ref.getName()).isEqualTo("anime-rec-crawler");
            });
            assertThat(List.of(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas())).containsExactly(1, 2);
            MetricSpec metric = hpa.getSpec().getMetrics().get(0);
            assertThat(hpa.getSpec().getMetrics()).hasSize(1);
            assertThat(metric.getType()).isEqualTo("External");
            assertThat(metric.getExternal().getMetric().getName())
                    .isEqualTo("pubsub.googleapis.com|subscription|num_undelivered_messages");
            assertThat(metric.getExternal().getMetric().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("resource.labels.subscription_id", "crawl-requests-workers"));
            assertThat(metric.getExternal().getTarget().getType()).isEqualTo("AverageValue");
            assertThat(metric.getExternal().getTarget().getAverageValue().toString()).isEqualTo("600");
        }

        @Test
        void servingProbesAreTheActuatorHealthGroupsTheAppTurnsOn() throws IOException {
            Deployment deployment = chart.get(Deployment.class, "anime-rec-serving");
            Container container = container(deployment);
            assertThat(container.getImage()).isEqualTo("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/ui-vaadin:0.1.0-SNAPSHOT");
            assertThat(container.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8080);
            });
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(List.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe()))
                    .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
            assertThat(plainEnv(container)).isEqualTo(Map.of("SERVER_PORT", "8080"));
            // The gcp profile refuses to start without the viewer secret; the chart gives it.
            JsonNode gcp = new YAMLMapper().readTree(SERVING_APPLICATION_YML.resolveSibling("application-gcp.yml").toFile());
            assertThat(gcp.at("/animerec/viewer/secret").asString()).isEqualTo("${ANIMEREC_VIEWER_SECRET}");
            assertThat(secretRefs(container)).containsKey("ANIMEREC_VIEWER_SECRET");
            JsonNode application = new YAMLMapper().readTree(SERVING_APPLICATION_YML.toFile());
            assertThat(application.at("/management/endpoint/health/probes/enabled").asBoolean()).isTrue();
            assertThat(application.at("/management/endpoints/web/exposure/include").asString()).contains("health");
        }

        @Test
        void theServiceKeepsEachViewerOnOneReplica() {
            Deployment deployment = chart.get(Deployment.class, "anime-rec-serving");
            Service service = chart.get(Service.class, "anime-rec-serving");
            assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(80);
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
            assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
            assertThat(service.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(3600);
        }

        @Test
        void theIngressBackendPinsViewersWithACookieThroughTheBackendConfig() {
            Service service = chart.get(Service.class, "anime-rec-serving");
            assertThat(service.getMetadata().getAnnotations())
                    .containsEntry("cloud.google.com/backend-config", "{\"default\":\"anime-rec-serving\"}")
                    .containsEntry("cloud.google.com/neg", "{\"ingress\": true}");
            GenericKubernetesResource backendConfig = chart.custom("BackendConfig", "anime-rec-serving");
            assertThat(backendConfig.getApiVersion()).isEqualTo("cloud.google.com/v1");
            // BackendConfig is not in the fabric8 model: its spec is checked whole, so a misspelt field fails.
            assertThat(RenderedChart.json(backendConfig.getAdditionalProperties().get("spec"))).isEqualTo(
                    "{\"sessionAffinity\":{\"affinityType\":\"GENERATED_COOKIE\",\"affinityCookieTtlSec\":3600},"
                            + "\"healthCheck\":{\"type\":\"HTTP\",\"requestPath\":\"/actuator/health/readiness\","
                            + "\"port\":8080}}");
            Ingress ingress = chart.get(Ingress.class, "anime-rec-serving");
            assertThat(ingress.getMetadata().getAnnotations()).containsEntry("kubernetes.io/ingress.class", "gce");
            assertThat(ingress.getSpec().getDefaultBackend().getService().getName()).isEqualTo("anime-rec-serving");
            assertThat(ingress.getSpec().getDefaultBackend().getService().getPort().getName()).isEqualTo("http");
            assertThat(ingress.getSpec().getRules()).isEmpty();
        }

        @Test
        void theIngestLauncherStartsTheFlexTemplate() {
            Job job = chart.get(Job.class, "anime-rec-ingest-launch-1");
            assertThat(pod(job).getRestartPolicy()).isEqualTo("Never");
            Container container = container(job);
            assertThat(plainEnv(container)).isEqualTo(Map.of("PROJECT", "anime-rec-test", "REGION", "europe-west1",
                    "JOB_NAME", "anime-rec-ingest", "TEMPLATE_FILE", "gs://anime-rec-test-dataflow/templates/ingest.json",
                    "SUBSCRIPTION", "projects/anime-rec-test/subscriptions/items-ingest", "LANDING_DATASET", "landing"));
            assertThat(container.getCommand()).containsExactly("/bin/bash", "-c");
            assertThat(container.getArgs()).singleElement().asString()
                    .contains("gcloud dataflow flex-template run \"$JOB_NAME\"")
                    .contains("--template-file-gcs-location=\"$TEMPLATE_FILE\"")
                    .contains("source=PUBSUB,landing=BIGQUERY,subscription=$SUBSCRIPTION");
        }

        @Test
        void cronJobsAreTheCrawlAndEtlTasksOfThePipelineSpec() {
            List<CronJob> cronJobs = chart.all(CronJob.class);
            List<String> expectedNames = new ArrayList<>();
            for (JsonNode flow : SPEC.get("flows")) {
                String name = flow.get("flow").asString();
                if (!name.equals("crawl") && !name.equals("etl")) {
                    continue;
                }
                for (JsonNode task : flow.get("tasks")) {
                    String id = "anime-rec-" + task.get("id").asString();
                    expectedNames.add(id);
                    CronJob cronJob = chart.get(CronJob.class, id);
                    assertThat(cronJob.getSpec().getSchedule()).isEqualTo(flow.get("schedule").asString());
                    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
                    List<String> arguments = new ArrayList<>();
                    task.get("arguments").forEach(a -> arguments.add(a.asString()));
                    assertThat(container(cronJob).getArgs()).isEqualTo(arguments);
                    assertThat(container(cronJob).getImage()).isEqualTo("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/"
                            + task.get("module").asString() + ":0.1.0-SNAPSHOT");
                    assertThat(pod(cronJob).getRestartPolicy()).isEqualTo("Never");
                }
            }
            assertThat(cronJobs).extracting(c -> c.getMetadata().getName()).containsExactlyElementsOf(expectedNames);
            CronJob etl = chart.get(CronJob.class, "anime-rec-etl");
            assertThat(etl.getSpec().getSchedule()).isEqualTo("15 * * * *");
            assertThat(container(etl).getArgs()).containsExactly("etl");
        }

        @Test
        void theChartReadsTheSpecComposerReads() throws IOException {
            Path link = CHART.resolve("files/anime_rec_pipeline.json");
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(link.toRealPath()).isEqualTo(SPEC_FILE.toRealPath());
        }
    }

    /** values-production.yaml: Composer schedules the flows, Workload Identity, the MAL API key by reference. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithProductionValues {

        private final RenderedChart chart = RenderedChart.render(PRODUCTION_VALUES);

        @Test
        void helmLintsTheChartStrictly() {
            LintResult lint = RenderedChart.lint(PRODUCTION_VALUES);
            assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        }

        @Test
        void noCronJobsWhenComposerSchedulesTheFlows() {
            assertThat(chart.all(CronJob.class)).isEmpty();
        }

        @Test
        void workloadIdentityAnnotation() {
            assertThat(chart.get(ServiceAccount.class, "anime-rec").getMetadata().getAnnotations()).isEqualTo(Map.of(
                    "iam.gke.io/gcp-service-account", "anime-rec-workloads@anime-rec-prod.iam.gserviceaccount.com"));
        }

        @Test
        void theCrawlerGetsTheMalClientIdFromItsSecretAndStatesItsCeilingWithTheBudget() {
            Deployment deployment = chart.get(Deployment.class, "anime-rec-crawler");
            Container container = container(deployment);
            assertThat(secretRefs(container)).containsEntry("MAL_CLIENT_ID", List.of("anime-rec-mal-api", "client-id"));
            assertThat(container.getImage()).isEqualTo("europe-west1-docker.pkg.dev/anime-rec-prod/anime-rec/crawler:0.1.0");
            assertThat(container.getImagePullPolicy()).isEqualTo("Always");
            HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, "anime-rec-crawler");
            assertThat(List.of(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas())).containsExactly(2, 3);
            assertThat(hpa.getSpec().getMetrics().get(0).getExternal().getTarget().getAverageValue().toString())
                    .isEqualTo("300");
            Map<String, String> config = chart.get(ConfigMap.class, "anime-rec-config").getData();
            assertThat(config).containsEntry("CRAWLER_MAL_PER_SECOND", "1").containsEntry("CRAWLER_JIKAN_PER_SECOND", "3")
                    .containsEntry("CRAWLER_JIKAN_PER_MINUTE", "60");
        }

        @Test
        void extraConfigAndTheIngressWithItsHostAndStaticAddress() {
            assertThat(chart.get(ConfigMap.class, "anime-rec-config").getData())
                    .containsEntry("CRAWLER_ANIME_SOURCE", "malapi");
            assertThat(chart.get(Service.class, "anime-rec-serving").getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(chart.get(Deployment.class, "anime-rec-serving").getSpec().getReplicas()).isEqualTo(3);
            Ingress ingress = chart.get(Ingress.class, "anime-rec-serving");
            assertThat(ingress.getMetadata().getAnnotations())
                    .containsEntry("kubernetes.io/ingress.global-static-ip-name", "anime-rec");
            assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getHost()).isEqualTo("anime-rec.example.org");
                assertThat(rule.getHttp().getPaths()).singleElement()
                        .satisfies(p -> assertThat(p.getBackend().getService().getName()).isEqualTo("anime-rec-serving"));
            });
            assertThat(chart.custom("BackendConfig", "anime-rec-serving")).isNotNull();
        }

        @Test
        void oneLauncherJobPerRevision() {
            assertThat(chart.get(Job.class, "anime-rec-ingest-launch-1")).isNotNull();
        }
    }

    /** Bad values and a spec the CronJobs cannot run are refused by Helm with the reason, never half rendered. */
    @Nested
    class Refusals {

        private Path values(String yaml) throws IOException {
            Path file = Files.createTempFile("values", ".yaml");
            Files.writeString(file, yaml);
            return file;
        }

        @Test
        void theDefaultsAloneNameTheMissingSetting() {
            assertThatThrownBy(() -> RenderedChart.render()).hasMessageContaining("is required");
        }

        @Test
        void aMissingDatabaseUrlIsNamed() throws IOException {
            Path overlay = values("config:\n  datasourceUrl: \"\"\n");
            assertThatThrownBy(() -> RenderedChart.render(REQUIRED_VALUES, overlay))
                    .hasMessageContaining("config.datasourceUrl is required");
        }

        @Test
        void anUnknownFlowIsRefused() throws IOException {
            Path overlay = values("batchCronJobs:\n  flows: [etl, etll]\n");
            assertThatThrownBy(() -> RenderedChart.render(REQUIRED_VALUES, overlay))
                    .hasMessageContaining("batchCronJobs.flows: etll is not a flow");
        }

        @Test
        void theMlFlowCannotBeCronJobs() throws IOException {
            Path overlay = values("batchCronJobs:\n  flows: [ml]\n");
            assertThatThrownBy(() -> RenderedChart.render(REQUIRED_VALUES, overlay))
                    .hasMessageContaining("task ml-prepare of flow ml runs on dataproc_serverless");
        }

        @Test
        void aBudgetSetBesideTheChartsOwnIsRefused() throws IOException {
            Path overlay = values("config:\n  extra:\n    CRAWLER_MAL_PER_SECOND: \"4\"\n");
            assertThatThrownBy(() -> RenderedChart.render(REQUIRED_VALUES, overlay))
                    .hasMessageContaining("config.extra.CRAWLER_MAL_PER_SECOND is set by the chart itself");
        }

        @Test
        void aMissingSpecFileIsNamed() throws IOException {
            Path copy = RenderedChart.copyOfChart();
            Files.delete(copy.resolve("files/anime_rec_pipeline.json"));
            assertThatThrownBy(() -> RenderedChart.renderChart(copy, REQUIRED_VALUES))
                    .hasMessageContaining("files/anime_rec_pipeline.json is missing");
        }

        @Test
        void aTaskWaitingForAnotherCannotBeACronJob() throws IOException {
            Path copy = RenderedChart.copyOfChart();
            Path spec = copy.resolve("files/anime_rec_pipeline.json");
            String text = Files.readString(spec);
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode tree = (ObjectNode) json.readTree(text);
            ObjectNode etl = (ObjectNode) tree.get("flows").get(1).get("tasks").get(0);
            assertThat(etl.get("id").asString()).isEqualTo("etl");
            etl.putArray("upstream").add("ingest");
            Files.writeString(spec, json.writeValueAsString(tree));
            assertThatThrownBy(() -> RenderedChart.renderChart(copy, REQUIRED_VALUES))
                    .hasMessageContaining("task etl of flow etl waits for other tasks");
        }
    }
}
