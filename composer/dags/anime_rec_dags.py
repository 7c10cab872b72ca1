"""Cloud Composer (Airflow 2) DAGs of anime-rec: one DAG per flow of the pipeline spec.

The stages, DAG ids, crons and dependencies come from ``anime_rec_pipeline.json`` (generated from the Java
``PipelineDefinition``) through ``anime_rec_tasks``; this file only turns each task description into an
operator: GKE_JOB stages become pods of the module image on the GKE cluster, DATAPROC_SERVERLESS stages become
Dataproc Serverless Spark batches of the spark-ml jar. Publish is a task of the ML DAG downstream of the ML
tasks, so it runs only after they all succeeded.
"""

import datetime

import pendulum
from airflow import DAG
from airflow.providers.cncf.kubernetes.secret import Secret
from airflow.providers.google.cloud.operators.dataproc import DataprocCreateBatchOperator
from airflow.providers.google.cloud.operators.kubernetes_engine import GKEStartPodOperator
from kubernetes.client import models as k8s

import anime_rec_tasks

DEFAULT_ARGS = {
    "owner": "anime-rec",
    "retries": 1,
    "retry_delay": datetime.timedelta(minutes=5),
}


def gke_pod(task):
    return GKEStartPodOperator(
        **anime_rec_tasks.gke_pod_kwargs(task),
        env_from=[k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name=anime_rec_tasks.CONFIG_MAP))],
        secrets=[Secret("env", env_name, anime_rec_tasks.DATABASE_SECRET, key)
                 for env_name, key in anime_rec_tasks.DATABASE_SECRET_KEYS.items()],
        doc_md=task.title,
    )


def dataproc_batch(task):
    return DataprocCreateBatchOperator(**anime_rec_tasks.dataproc_batch_kwargs(task), doc_md=task.title)


OPERATOR_FACTORIES = {
    anime_rec_tasks.GKE_POD: gke_pod,
    anime_rec_tasks.DATAPROC_BATCH: dataproc_batch,
}


def build_dag(flow):
    dag = DAG(
        dag_id=flow.dag_id,
        schedule=flow.schedule,
        start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
        # Each run works on the current state (schedule tables, landing area): a missed run is not replayed.
        catchup=False,
        # A slow run must finish before the next one starts (the crawl schedule and the ETL are not re-entrant).
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["anime-rec", flow.flow],
        doc_md="anime-rec %s flow, generated from the pipeline spec." % flow.flow,
    )
    with dag:
        operators = {task.task_id: OPERATOR_FACTORIES[task.operator](task) for task in flow.tasks}
        for task in flow.tasks:
            for upstream in task.upstream:
                operators[upstream] >> operators[task.task_id]
    return dag


for pipeline_flow in anime_rec_tasks.flows(anime_rec_tasks.load_spec()):
    globals()[pipeline_flow.dag_id] = build_dag(pipeline_flow)
