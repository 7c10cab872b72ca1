"""The Composer tasks of anime-rec, derived from the pipeline spec, with no Airflow import.

``anime_rec_pipeline.json`` (beside this file) is written by ``dev.animerec.pipeline.PipelineSpecWriter`` from
the Java ``PipelineDefinition``: the stages, their flows (one DAG each), crons and dependencies live there and
only there. This module turns that spec into plain task descriptions (operator kind, arguments with the
deployment parameters bound to Airflow templates, upstream ids, operator keyword arguments), so the
translation can be tested where Airflow is not installed. ``anime_rec_dags.py`` only instantiates operators
from these descriptions.

Deployment settings are Airflow Variables named ``anime_rec_<name>`` and are read through Jinja templates at
run time (never at parse time: a Variable lookup while parsing hits the metadata database on every parse).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

SPEC_PATH = Path(__file__).with_name("anime_rec_pipeline.json")

GKE_POD = "gke_pod"
DATAPROC_BATCH = "dataproc_batch"

# Which operator kind runs a runtime of dev.animerec.pipeline.Module.CloudRuntime. GKE_DEPLOYMENT and DATAFLOW
# modules are always-on services (charts/, the Flex Template): the Java definition refuses them as DAG tasks.
OPERATOR_BY_RUNTIME = {"gke_job": GKE_POD, "dataproc_serverless": DATAPROC_BATCH}

VARIABLE_PREFIX = "anime_rec_"

# Airflow Variables the DAGs read besides the spec's cloud parameters (see composer/README.md).
DEPLOYMENT_VARIABLES = {
    "region": "Google Cloud region of the GKE cluster and the Dataproc batches, e.g. europe-west1",
    "gke_cluster": "name of the GKE cluster the batch-jobs pods run on",
    "namespace": "Kubernetes namespace of the anime-rec Helm release",
    "image_registry": "Artifact Registry path of the module images, e.g. europe-west1-docker.pkg.dev/P/anime-rec",
    "image_tag": "tag of the module images to run",
}

# The names the Helm release creates or expects (charts/anime-rec with release name anime-rec): the pods of
# the DAGs get the same configuration, credentials and Workload Identity as the chart's workloads.
KUBERNETES_SERVICE_ACCOUNT = "anime-rec"
CONFIG_MAP = "anime-rec-config"
DATABASE_SECRET = "anime-rec-database"
DATABASE_SECRET_KEYS = {"SPRING_DATASOURCE_USERNAME": "username", "SPRING_DATASOURCE_PASSWORD": "password"}

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class SpecError(ValueError):
    """The pipeline spec asks for something the DAGs cannot build; the message says what and where."""


@dataclass(frozen=True)
class TaskSpec:
    task_id: str
    title: str
    operator: str
    module: str
    main_class: str
    arguments: tuple
    upstream: tuple
    # Dataproc Serverless runtime, jars and Spark properties from the spec (DATAPROC_BATCH tasks only).
    dataproc: dict = None


@dataclass(frozen=True)
class FlowSpec:
    flow: str
    dag_id: str
    schedule: str
    tasks: tuple


def variable(name):
    """The Jinja expression of the deployment setting ``name`` (an Airflow Variable)."""
    return "{{ var.value.%s%s }}" % (VARIABLE_PREFIX, name)


def parameter_bindings(spec):
    """Each cloud parameter of the spec -> the Airflow template that supplies it at run time."""
    bindings = {}
    for name in spec["cloud_parameters"]:
        # One model version per logical date: a re-run of the same day overwrites that version, never another.
        bindings[name] = "{{ ds_nodash }}" if name == "model_version" else variable(name)
    return bindings


def bind(argument, bindings, task_id):
    def replace(match):
        name = match.group(1)
        if name not in bindings:
            raise SpecError("task %s: argument %r uses {%s}, which is not a cloud parameter of the spec (%s)"
                            % (task_id, argument, name, ", ".join(sorted(bindings))))
        return bindings[name]

    return PLACEHOLDER.sub(replace, argument)


def load_spec(path=SPEC_PATH):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def flows(spec):
    """One FlowSpec per flow of the spec, tasks in the spec's (dependency) order."""
    bindings = parameter_bindings(spec)
    result = []
    for flow in spec["flows"]:
        known = set()
        tasks = []
        for task in flow["tasks"]:
            runtime = task["runtime"]
            if runtime not in OPERATOR_BY_RUNTIME:
                raise SpecError("task %s of %s: runtime %r has no Composer operator (known: %s)"
                                % (task["id"], flow["dag_id"], runtime, ", ".join(sorted(OPERATOR_BY_RUNTIME))))
            for upstream in task["upstream"]:
                if upstream not in known:
                    raise SpecError("task %s of %s: upstream %s is not a task listed before it in the same flow"
                                    % (task["id"], flow["dag_id"], upstream))
            known.add(task["id"])
            tasks.append(TaskSpec(
                task_id=task["id"],
                title=task["title"],
                operator=OPERATOR_BY_RUNTIME[runtime],
                module=task["module"],
                main_class=task["main_class"],
                arguments=tuple(bind(argument, bindings, task["id"]) for argument in task["arguments"]),
                upstream=tuple(task["upstream"]),
                dataproc=dataproc_settings(task, bindings),
            ))
        result.append(FlowSpec(flow=flow["flow"], dag_id=flow["dag_id"], schedule=flow["schedule"],
                               tasks=tuple(tasks)))
    return result


def dataproc_settings(task, bindings):
    """The task's Dataproc block with its placeholders bound; None for a task that is no Dataproc batch."""
    if task["runtime"] != "dataproc_serverless":
        return None
    if "dataproc" not in task:
        raise SpecError("task %s: a Dataproc batch needs the spec's dataproc block (runtime, jars, properties)"
                        % task["id"])
    dataproc = task["dataproc"]
    return {
        "runtime_version": dataproc["runtime_version"],
        "jar_file_uris": [bind(uri, bindings, task["id"]) for uri in dataproc["jar_file_uris"]],
        "properties": dict(dataproc["properties"]),
        "service_account": bind(dataproc["service_account"], bindings, task["id"]),
    }


def gke_pod_kwargs(task):
    """Keyword arguments of GKEStartPodOperator for a GKE_POD task (the Airflow objects are added by the DAG)."""
    if task.operator != GKE_POD:
        raise SpecError("task %s runs as %s, not as a GKE pod" % (task.task_id, task.operator))
    return {
        "task_id": task.task_id,
        "project_id": variable("project"),
        "location": variable("region"),
        "cluster_name": variable("gke_cluster"),
        "namespace": variable("namespace"),
        "name": "anime-rec-" + task.task_id,
        "image": "%s/%s:%s" % (variable("image_registry"), task.module, variable("image_tag")),
        # The module image's entrypoint is `java ... <main class>`: the stage's arguments are its arguments.
        "arguments": list(task.arguments),
        "env_vars": {"SPRING_PROFILES_ACTIVE": "gcp"},
        "service_account_name": KUBERNETES_SERVICE_ACCOUNT,
        "get_logs": True,
        "on_finish_action": "delete_pod",
    }


def dataproc_batch_kwargs(task):
    """Keyword arguments of DataprocCreateBatchOperator for a DATAPROC_BATCH task."""
    if task.operator != DATAPROC_BATCH:
        raise SpecError("task %s runs as %s, not as a Dataproc batch" % (task.task_id, task.operator))
    return {
        "task_id": task.task_id,
        "project_id": variable("project"),
        "region": variable("region"),
        # Unique per run and try: Dataproc refuses a second batch with an id it has seen.
        "batch_id": "anime-rec-%s-{{ ts_nodash | lower }}-{{ ti.try_number }}" % task.task_id,
        "batch": {
            "spark_batch": {
                "main_class": task.main_class,
                "jar_file_uris": list(task.dataproc["jar_file_uris"]),
                "args": list(task.arguments),
            },
            "runtime_config": {"version": task.dataproc["runtime_version"],
                               "properties": dict(task.dataproc["properties"])},
            "environment_config": {"execution_config": {"service_account": task.dataproc["service_account"]}},
            "labels": {"app": "anime-rec", "stage": task.task_id},
        },
    }


def describe(spec):
    """The DAGs as text: what Composer will show, readable without Airflow."""
    lines = []
    for flow in flows(spec):
        lines.append("%s  (%s)" % (flow.dag_id, flow.schedule))
        for task in flow.tasks:
            after = "  after " + ", ".join(task.upstream) if task.upstream else ""
            lines.append("  %-18s %-15s %s %s%s" % (task.task_id, task.operator, task.module,
                                                   " ".join(task.arguments), after))
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe(load_spec()))
