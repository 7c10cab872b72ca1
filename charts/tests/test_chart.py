"""The anime-rec chart rendered with the test renderer (helm_subset, not Helm) and its manifests checked."""

import copy
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import yaml

import helm_subset

CHARTS = Path(__file__).resolve().parents[1]
CHART = CHARTS / "anime-rec"
REQUIRED = Path(__file__).resolve().parent / "fixtures" / "required-values.yaml"
PRODUCTION = CHARTS / "values-production.yaml"
SPEC_FILE = CHARTS.parent / "composer" / "dags" / "anime_rec_pipeline.json"
SPEC = json.loads(SPEC_FILE.read_text(encoding="utf-8"))


def documents(manifests):
    return [d for docs in manifests.values() for d in docs]


def find(manifests, kind, name):
    found = [d for d in documents(manifests) if d["kind"] == kind and d["metadata"]["name"] == name]
    if len(found) != 1:
        raise AssertionError("%d %s named %s in %s" % (len(found), kind, name,
                                                       [(d["kind"], d["metadata"]["name"]) for d in documents(manifests)]))
    return found[0]


def container(workload):
    spec = workload["spec"]
    pod = spec["jobTemplate"]["spec"]["template"]["spec"] if workload["kind"] == "CronJob" else spec["template"]["spec"]
    (only,) = pod["containers"]
    return pod, only


def secret_refs(container_spec):
    return {e["name"]: (e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"])
            for e in container_spec.get("env", []) if "valueFrom" in e}


class ChartWithRequiredValuesTest(unittest.TestCase):
    """The defaults of values.yaml plus only the required settings (a GKE-only deployment, no Composer)."""

    @classmethod
    def setUpClass(cls):
        cls.chart = helm_subset.Chart(CHART)
        cls.manifests = cls.chart.render([REQUIRED])

    def test_objects_of_the_release(self):
        kinds = sorted((d["kind"], d["metadata"]["name"]) for d in documents(self.manifests))
        self.assertEqual(sorted([
            ("ConfigMap", "anime-rec-config"), ("ServiceAccount", "anime-rec"),
            ("Deployment", "anime-rec-crawler"), ("HorizontalPodAutoscaler", "anime-rec-crawler"),
            ("Deployment", "anime-rec-serving"), ("Service", "anime-rec-serving"),
            ("Job", "anime-rec-ingest-launch-1"),
            ("CronJob", "anime-rec-schedule-anime"), ("CronJob", "anime-rec-schedule-profiles"),
            ("CronJob", "anime-rec-etl")]), kinds)
        for document in documents(self.manifests):
            self.assertEqual("anime-rec", document["metadata"]["labels"]["app.kubernetes.io/instance"],
                             document["metadata"]["name"])

    def test_config_map_switches_every_pod_to_the_gcp_profile_and_holds_no_secret(self):
        config = find(self.manifests, "ConfigMap", "anime-rec-config")["data"]
        self.assertEqual({"SPRING_PROFILES_ACTIVE": "gcp", "SPRING_CLOUD_GCP_PROJECT_ID": "anime-rec-test",
                          "SPRING_DATASOURCE_URL": "jdbc:postgresql://10.10.0.3:5432/animerec",
                          "SPRING_DATA_REDIS_HOST": "10.10.1.4", "SPRING_DATA_REDIS_PORT": "6379"}, config)
        self.assertFalse([k for k in config if "PASSWORD" in k or "SECRET" in k])

    def test_every_jvm_pod_reads_the_config_map_and_the_database_login_by_reference(self):
        workloads = [d for d in documents(self.manifests) if d["kind"] in ("Deployment", "CronJob")]
        self.assertEqual(5, len(workloads))
        for workload in workloads:
            pod, spec = container(workload)
            self.assertEqual("anime-rec", pod["serviceAccountName"])
            self.assertEqual([{"configMapRef": {"name": "anime-rec-config"}}], spec["envFrom"])
            self.assertEqual({"SPRING_DATASOURCE_USERNAME": ("anime-rec-database", "username"),
                              "SPRING_DATASOURCE_PASSWORD": ("anime-rec-database", "password")},
                             secret_refs(spec), workload["metadata"]["name"])

    def test_crawler_workers_scale_on_the_crawl_queue_backlog(self):
        deployment = find(self.manifests, "Deployment", "anime-rec-crawler")
        self.assertNotIn("replicas", deployment["spec"], "the HPA owns the replica count")
        _, spec = container(deployment)
        self.assertEqual("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/crawler:0.1.0-SNAPSHOT", spec["image"])
        self.assertEqual(["worker"], spec["args"])
        hpa = find(self.manifests, "HorizontalPodAutoscaler", "anime-rec-crawler")
        self.assertEqual("autoscaling/v2", hpa["apiVersion"])
        self.assertEqual({"apiVersion": "apps/v1", "kind": "Deployment", "name": "anime-rec-crawler"},
                         hpa["spec"]["scaleTargetRef"])
        self.assertEqual((1, 4), (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]))
        (metric,) = hpa["spec"]["metrics"]
        self.assertEqual("External", metric["type"])
        self.assertEqual("pubsub.googleapis.com|subscription|num_undelivered_messages",
                         metric["external"]["metric"]["name"])
        self.assertEqual({"resource.labels.subscription_id": "crawl-requests-workers"},
                         metric["external"]["metric"]["selector"]["matchLabels"])
        self.assertEqual({"type": "AverageValue", "averageValue": "600"}, metric["external"]["target"])

    def test_serving_app_probes_are_the_actuator_health_groups(self):
        deployment = find(self.manifests, "Deployment", "anime-rec-serving")
        _, spec = container(deployment)
        self.assertEqual("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/ui-vaadin:0.1.0-SNAPSHOT", spec["image"])
        self.assertEqual([{"name": "http", "containerPort": 8080}], spec["ports"])
        self.assertEqual({"path": "/actuator/health/readiness", "port": "http"}, spec["readinessProbe"]["httpGet"])
        self.assertEqual({"path": "/actuator/health/liveness", "port": "http"}, spec["livenessProbe"]["httpGet"])
        self.assertEqual({"path": "/actuator/health/liveness", "port": "http"}, spec["startupProbe"]["httpGet"])
        plain = {e["name"]: e["value"] for e in spec["env"] if "value" in e}
        self.assertEqual({"SERVER_PORT": "8080"}, plain)
        # The probe endpoints exist because the app itself turns the probe groups on.
        application = (CHARTS.parent / "ui-vaadin" / "src" / "main" / "resources" / "application.yml").read_text()
        self.assertTrue(yaml.safe_load(application)["management"]["endpoint"]["health"]["probes"]["enabled"])
        service = find(self.manifests, "Service", "anime-rec-serving")
        self.assertEqual(deployment["spec"]["selector"]["matchLabels"], service["spec"]["selector"])
        self.assertEqual([{"name": "http", "port": 80, "targetPort": "http"}], service["spec"]["ports"])
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        self.assertTrue(set(service["spec"]["selector"].items()) <= set(labels.items()))

    def test_the_serving_app_exposes_the_health_endpoint_the_probes_call(self):
        application = yaml.safe_load((CHARTS.parent / "ui-vaadin" / "src" / "main" / "resources"
                                      / "application.yml").read_text(encoding="utf-8"))
        self.assertIn("health", application["management"]["endpoints"]["web"]["exposure"]["include"])

    def test_ingest_launcher_starts_the_flex_template(self):
        job = find(self.manifests, "Job", "anime-rec-ingest-launch-1")
        pod, spec = container(job)
        self.assertEqual("Never", pod["restartPolicy"])
        environment = {e["name"]: e["value"] for e in spec["env"]}
        self.assertEqual({"PROJECT": "anime-rec-test", "REGION": "europe-west1", "JOB_NAME": "anime-rec-ingest",
                          "TEMPLATE_FILE": "gs://anime-rec-test-dataflow/templates/ingest.json",
                          "SUBSCRIPTION": "projects/anime-rec-test/subscriptions/items-ingest",
                          "LANDING_DATASET": "landing"}, environment)
        self.assertEqual(["/bin/bash", "-c"], spec["command"])
        (script,) = spec["args"]
        self.assertIn('gcloud dataflow flex-template run "$JOB_NAME"', script)
        self.assertIn('--template-file-gcs-location="$TEMPLATE_FILE"', script)
        self.assertIn("source=PUBSUB,landing=BIGQUERY,subscription=$SUBSCRIPTION", script)

    def test_cron_jobs_are_the_crawl_and_etl_tasks_of_the_pipeline_spec(self):
        cron_jobs = [d for d in documents(self.manifests) if d["kind"] == "CronJob"]
        expected = [(task, flow) for flow in SPEC["flows"] if flow["flow"] in ("crawl", "etl")
                    for task in flow["tasks"]]
        self.assertEqual(["anime-rec-" + task["id"] for task, _ in expected],
                         [c["metadata"]["name"] for c in cron_jobs])
        for (task, flow), cron_job in zip(expected, cron_jobs):
            self.assertEqual(flow["schedule"], cron_job["spec"]["schedule"])
            self.assertEqual("Forbid", cron_job["spec"]["concurrencyPolicy"])
            pod, spec = container(cron_job)
            self.assertEqual(task["arguments"], spec["args"])
            self.assertEqual("europe-west1-docker.pkg.dev/anime-rec-test/anime-rec/%s:0.1.0-SNAPSHOT" % task["module"],
                             spec["image"])
            self.assertEqual("Never", pod["restartPolicy"])
        etl = find(self.manifests, "CronJob", "anime-rec-etl")
        self.assertEqual("15 * * * *", etl["spec"]["schedule"])
        self.assertEqual(["etl"], container(etl)[1]["args"])

    def test_the_chart_reads_the_spec_composer_reads(self):
        self.assertEqual(SPEC_FILE.read_text(encoding="utf-8"),
                         self.chart.read_file("files/anime_rec_pipeline.json"))


class ProductionValuesTest(unittest.TestCase):
    """values-production.yaml: Composer schedules the flows, Workload Identity, the MAL API key by reference."""

    @classmethod
    def setUpClass(cls):
        cls.manifests = helm_subset.Chart(CHART).render([PRODUCTION], revision=7)

    def test_no_cron_jobs_when_composer_schedules_the_flows(self):
        self.assertEqual([], [d for d in documents(self.manifests) if d["kind"] == "CronJob"])

    def test_workload_identity_annotation(self):
        account = find(self.manifests, "ServiceAccount", "anime-rec")
        self.assertEqual({"iam.gke.io/gcp-service-account": "anime-rec-workloads@anime-rec-prod.iam.gserviceaccount.com"},
                         account["metadata"]["annotations"])

    def test_crawler_gets_the_mal_client_id_from_its_secret_and_scales_wider(self):
        _, spec = container(find(self.manifests, "Deployment", "anime-rec-crawler"))
        self.assertEqual(("anime-rec-mal-api", "client-id"), secret_refs(spec)["MAL_CLIENT_ID"])
        self.assertEqual("europe-west1-docker.pkg.dev/anime-rec-prod/anime-rec/crawler:0.1.0", spec["image"])
        self.assertEqual("Always", spec["imagePullPolicy"])
        hpa = find(self.manifests, "HorizontalPodAutoscaler", "anime-rec-crawler")["spec"]
        self.assertEqual((2, 10, "300"), (hpa["minReplicas"], hpa["maxReplicas"],
                                          hpa["metrics"][0]["external"]["target"]["averageValue"]))

    def test_extra_config_and_serving_exposure(self):
        config = find(self.manifests, "ConfigMap", "anime-rec-config")["data"]
        self.assertEqual("malapi", config["CRAWLER_ANIME_SOURCE"])
        self.assertEqual("1", config["CRAWLER_MAL_PER_SECOND"])
        self.assertEqual("LoadBalancer", find(self.manifests, "Service", "anime-rec-serving")["spec"]["type"])
        self.assertEqual(3, find(self.manifests, "Deployment", "anime-rec-serving")["spec"]["replicas"])

    def test_one_launcher_job_per_revision(self):
        find(self.manifests, "Job", "anime-rec-ingest-launch-7")


class ChartErrorsTest(unittest.TestCase):
    """Bad values and a spec the CronJobs cannot run are refused with the reason, never rendered half-way."""

    def setUp(self):
        self.chart = helm_subset.Chart(CHART)

    def render_with(self, values):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as file:
            yaml.safe_dump(values, file)
        try:
            return self.chart.render([REQUIRED, file.name])
        finally:
            Path(file.name).unlink()

    def test_defaults_alone_name_the_missing_setting(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, r"is required"):
            self.chart.render()

    def test_missing_database_url_is_named(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, r"config.datasourceUrl is required"):
            self.render_with({"config": {"datasourceUrl": ""}})

    def test_unknown_flow_is_refused(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, r"batchCronJobs.flows: etll is not a flow"):
            self.render_with({"batchCronJobs": {"flows": ["etl", "etll"]}})

    def test_ml_flow_cannot_be_cron_jobs(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, r"task ml-prepare of flow ml runs on dataproc_serverless"):
            self.render_with({"batchCronJobs": {"flows": ["ml"]}})

    def test_missing_spec_file_is_named(self):
        with tempfile.TemporaryDirectory() as directory:
            copy_of_chart = Path(directory) / "anime-rec"
            shutil.copytree(CHART, copy_of_chart, symlinks=True)
            (copy_of_chart / "files" / "anime_rec_pipeline.json").unlink()
            with self.assertRaisesRegex(helm_subset.TemplateError, r"files/anime_rec_pipeline.json is missing"):
                helm_subset.Chart(copy_of_chart).render([REQUIRED])

    def test_task_waiting_for_another_cannot_be_a_cron_job(self):
        spec = copy.deepcopy(SPEC)
        spec["flows"][1]["tasks"][0]["upstream"] = ["ingest"]
        with tempfile.TemporaryDirectory() as directory:
            copy_of_chart = Path(directory) / "anime-rec"
            shutil.copytree(CHART, copy_of_chart, symlinks=False)
            (copy_of_chart / "files" / "anime_rec_pipeline.json").write_text(json.dumps(spec), encoding="utf-8")
            with self.assertRaisesRegex(helm_subset.TemplateError, r"task etl of flow etl waits for other tasks"):
                helm_subset.Chart(copy_of_chart).render([REQUIRED])


if __name__ == "__main__":
    unittest.main()
