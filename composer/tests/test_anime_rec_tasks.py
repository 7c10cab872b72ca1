"""The task descriptions the DAGs are built from, checked against the pipeline spec (no Airflow needed)."""

import copy
import re
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dags"))

import anime_rec_tasks  # noqa: E402

SPEC = anime_rec_tasks.load_spec()
TEMPLATE = re.compile(r"\{\{ (var\.value\.anime_rec_[a-z_]+|ds_nodash|ts_nodash \| lower|ti\.try_number) \}\}")


def templates(value):
    return re.findall(r"\{\{.*?\}\}", value)


def render(value, variables):
    """Fills the Airflow templates the way Jinja would for a run on 2026-11-26 03:30, try 1."""
    run = {"ds_nodash": "20261126", "ts_nodash | lower": "20261126t033000", "ti.try_number": "1"}

    def replace(match):
        expression = match.group(1)
        if expression in run:
            return run[expression]
        return variables[expression[len("var.value.anime_rec_"):]]

    return TEMPLATE.sub(replace, value)


class FlowsTest(unittest.TestCase):

    def setUp(self):
        self.flows = anime_rec_tasks.flows(SPEC)

    def test_one_dag_per_flow_with_the_spec_ids_and_crons(self):
        self.assertEqual([(f["flow"], f["dag_id"], f["schedule"]) for f in SPEC["flows"]],
                         [(f.flow, f.dag_id, f.schedule) for f in self.flows])
        self.assertEqual(["anime_rec_crawl", "anime_rec_etl", "anime_rec_ml"], [f.dag_id for f in self.flows])

    def test_tasks_are_the_cloud_stages_of_each_flow_in_definition_order(self):
        for flow in self.flows:
            cloud_stages = [s["id"] for s in SPEC["stages"] if s["on_cloud"] and s["flow"] == flow.flow]
            self.assertEqual(cloud_stages, [t.task_id for t in flow.tasks], flow.dag_id)
        every_task = [t.task_id for f in self.flows for t in f.tasks]
        self.assertEqual(sorted(s["id"] for s in SPEC["stages"] if s["on_cloud"]), sorted(every_task))
        self.assertEqual(len(every_task), len(set(every_task)), "a stage in two DAGs")

    def test_upstream_is_the_stage_dependencies_inside_the_flow(self):
        stages = {s["id"]: s for s in SPEC["stages"]}
        for flow in self.flows:
            ids = {t.task_id for t in flow.tasks}
            for task in flow.tasks:
                expected = tuple(d for d in stages[task.task_id]["after"] if d in ids)
                self.assertEqual(expected, task.upstream, task.task_id)

    def test_ml_dag_has_the_spark_steps_in_order_and_publish_after_all_of_them(self):
        ml = next(f for f in self.flows if f.flow == "ml")
        tasks = {t.task_id: t for t in ml.tasks}
        self.assertEqual(("ml-prepare",), tasks["ml-retrieve"].upstream)
        self.assertEqual(("ml-retrieve",), tasks["ml-rank"].upstream)
        self.assertEqual(("ml-rank",), tasks["ml-infer"].upstream)
        self.assertEqual(("ml-retrieve",), tasks["ml-similar"].upstream)
        self.assertEqual(("ml-infer",), tasks["ml-evaluate"].upstream)

        def ancestors(task_id):
            found = set()
            for upstream in tasks[task_id].upstream:
                found |= {upstream} | ancestors(upstream)
            return found

        spark_steps = {t.task_id for t in ml.tasks if t.operator == anime_rec_tasks.DATAPROC_BATCH}
        self.assertEqual(6, len(spark_steps))
        self.assertEqual(spark_steps, ancestors("publish"), "publish must wait for every ML step")
        self.assertEqual(anime_rec_tasks.GKE_POD, tasks["publish"].operator)

    def test_operator_kind_follows_the_runtime(self):
        runtimes = {t["id"]: t["runtime"] for f in SPEC["flows"] for t in f["tasks"]}
        for flow in self.flows:
            for task in flow.tasks:
                self.assertEqual(anime_rec_tasks.OPERATOR_BY_RUNTIME[runtimes[task.task_id]], task.operator)

    def test_placeholders_are_bound_to_variables_and_the_logical_date(self):
        for flow in self.flows:
            for task in flow.tasks:
                for argument in task.arguments:
                    self.assertNotRegex(argument, r"(?<!\{)\{[a-z_]+\}(?!\})", task.task_id)
                    for template in templates(argument):
                        self.assertRegex(template, TEMPLATE, task.task_id)
        prepare = next(t for f in self.flows for t in f.tasks if t.task_id == "ml-prepare")
        self.assertEqual(["prepare", "--home", "{{ var.value.anime_rec_models_uri }}", "--version", "{{ ds_nodash }}",
                          "--bq-processed", "{{ var.value.anime_rec_bq_processed }}",
                          "--bq-results", "{{ var.value.anime_rec_bq_results }}"], list(prepare.arguments))
        publish = next(t for f in self.flows for t in f.tasks if t.task_id == "publish")
        self.assertEqual(["publish", "--model-version", "{{ ds_nodash }}", "--artefacts",
                          "{{ var.value.anime_rec_models_uri }}"], list(publish.arguments))

    def test_unknown_placeholder_is_a_clear_error(self):
        spec = copy.deepcopy(SPEC)
        spec["flows"][1]["tasks"][0]["arguments"].append("{warehouse}")
        with self.assertRaisesRegex(anime_rec_tasks.SpecError, r"task etl: .*\{warehouse\}.*not a cloud parameter"):
            anime_rec_tasks.flows(spec)

    def test_runtime_without_an_operator_is_a_clear_error(self):
        spec = copy.deepcopy(SPEC)
        spec["flows"][0]["tasks"][0]["runtime"] = "dataflow"
        with self.assertRaisesRegex(anime_rec_tasks.SpecError, r"schedule-anime of anime_rec_crawl: runtime 'dataflow'"):
            anime_rec_tasks.flows(spec)

    def test_upstream_outside_the_flow_is_a_clear_error(self):
        spec = copy.deepcopy(SPEC)
        spec["flows"][2]["tasks"][0]["upstream"].append("etl")
        with self.assertRaisesRegex(anime_rec_tasks.SpecError, r"ml-prepare of anime_rec_ml: upstream etl"):
            anime_rec_tasks.flows(spec)


class DescribeTest(unittest.TestCase):

    def test_describe_lists_every_dag_and_task(self):
        text = anime_rec_tasks.describe(SPEC).splitlines()
        self.assertEqual("anime_rec_ml  (30 3 * * *)", next(line for line in text if line.startswith("anime_rec_ml")))
        self.assertEqual(3 + sum(len(f["tasks"]) for f in SPEC["flows"]), len(text))
        publish = next(line for line in text if line.strip().startswith("publish "))
        self.assertTrue(publish.endswith("after ml-infer, ml-similar, ml-evaluate"), publish)


class OperatorArgumentsTest(unittest.TestCase):

    VARIABLES = {"project": "anime-rec-prod", "region": "europe-west1", "gke_cluster": "anime-rec",
                 "namespace": "anime-rec", "image_registry": "europe-west1-docker.pkg.dev/anime-rec-prod/anime-rec",
                 "image_tag": "v1", "jars_uri": "gs://anime-rec-prod-ml/jars",
                 "dataproc_service_account": "ml@anime-rec-prod.iam.gserviceaccount.com",
                 "models_uri": "gs://anime-rec-prod-ml/anime-rec", "bq_processed": "anime-rec-prod.processed",
                 "bq_results": "anime-rec-prod.models"}

    def setUp(self):
        self.tasks = {t.task_id: t for f in anime_rec_tasks.flows(SPEC) for t in f.tasks}

    def test_every_variable_used_is_documented(self):
        documented = set(anime_rec_tasks.DEPLOYMENT_VARIABLES) | set(SPEC["cloud_parameters"])
        used = set()
        for task in self.tasks.values():
            kwargs = (anime_rec_tasks.gke_pod_kwargs(task) if task.operator == anime_rec_tasks.GKE_POD
                      else anime_rec_tasks.dataproc_batch_kwargs(task))
            used |= set(re.findall(r"var\.value\.anime_rec_([a-z_]+)", repr(kwargs)))
        self.assertTrue(used)
        self.assertEqual(set(), used - documented)
        self.assertEqual(set(self.VARIABLES), used)

    def test_gke_pod_runs_the_module_image_with_the_stage_arguments_and_the_gcp_profile(self):
        kwargs = anime_rec_tasks.gke_pod_kwargs(self.tasks["schedule-anime"])
        self.assertEqual("schedule-anime", kwargs["task_id"])
        self.assertEqual("europe-west1-docker.pkg.dev/anime-rec-prod/anime-rec/batch-jobs:v1",
                         render(kwargs["image"], self.VARIABLES))
        self.assertEqual(["schedule", "--kind", "anime", "--max", "500"], kwargs["arguments"])
        self.assertEqual({"SPRING_PROFILES_ACTIVE": "gcp"}, kwargs["env_vars"])
        self.assertEqual("anime-rec", render(kwargs["cluster_name"], self.VARIABLES))
        self.assertEqual("anime-rec", kwargs["service_account_name"])
        self.assertEqual("delete_pod", kwargs["on_finish_action"])
        self.assertRegex(kwargs["name"], r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        with self.assertRaises(anime_rec_tasks.SpecError):
            anime_rec_tasks.dataproc_batch_kwargs(self.tasks["etl"])

    def test_dataproc_batch_runs_the_spark_ml_jar_with_the_stage_arguments(self):
        kwargs = anime_rec_tasks.dataproc_batch_kwargs(self.tasks["ml-rank"])
        batch = kwargs["batch"]["spark_batch"]
        self.assertEqual("dev.animerec.ml.MlCli", batch["main_class"])
        # Jar names and properties come from the Java definition (DataprocRuntime) through the spec.
        jars = [render(uri, self.VARIABLES) for uri in batch["jar_file_uris"]]
        self.assertRegex(jars[0], r"^gs://anime-rec-prod-ml/jars/spark-ml-[^/]+\.jar$")
        self.assertRegex(jars[1], r"^gs://anime-rec-prod-ml/jars/shared-[^/]+\.jar$")
        self.assertTrue(any("jfreechart" in jar for jar in jars), jars)
        self.assertTrue(any(jar.startswith("gs://spark-lib/bigquery/") for jar in jars), jars)
        properties = kwargs["batch"]["runtime_config"]["properties"]
        self.assertIn("--add-modules=jdk.incubator.vector", properties["spark.driver.extraJavaOptions"])
        self.assertEqual(["rank", "--home", "gs://anime-rec-prod-ml/anime-rec", "--version", "20261126",
                          "--bq-processed", "anime-rec-prod.processed", "--bq-results", "anime-rec-prod.models"],
                         [render(argument, self.VARIABLES) for argument in batch["args"]])
        self.assertEqual("ml@anime-rec-prod.iam.gserviceaccount.com",
                         render(kwargs["batch"]["environment_config"]["execution_config"]["service_account"],
                                self.VARIABLES))
        with self.assertRaises(anime_rec_tasks.SpecError):
            anime_rec_tasks.gke_pod_kwargs(self.tasks["ml-rank"])

    def test_batch_ids_are_valid_dataproc_ids_and_unique_per_task(self):
        ids = set()
        for task in self.tasks.values():
            if task.operator != anime_rec_tasks.DATAPROC_BATCH:
                continue
            batch_id = render(anime_rec_tasks.dataproc_batch_kwargs(task)["batch_id"], self.VARIABLES)
            # Dataproc: 4 to 63 characters, lower-case letters, digits and hyphens.
            self.assertRegex(batch_id, r"^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$")
            ids.add(batch_id)
        self.assertEqual(6, len(ids))


if __name__ == "__main__":
    unittest.main()
