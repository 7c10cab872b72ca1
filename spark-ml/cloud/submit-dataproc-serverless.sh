#!/usr/bin/env bash
# Runs the ML pipeline on Dataproc Serverless with the same jar as the local runs.
# Reads the processed tables from BigQuery (spark-bigquery-connector), keeps the model home on GCS and
# writes recommendations / similar back to BigQuery. Everything comes from the environment; nothing secret here.
#   GCP_PROJECT, GCP_REGION          where the batch runs
#   ML_BUCKET                        gs://bucket (staging + model home: gs://bucket/anime-rec/models/...)
#   BQ_PROCESSED (default processed) dataset with the processed tables (docs/data-contracts.md section 4)
#   BQ_RESULTS   (default models)    dataset that receives recommendations and similar
#   ML_COMMAND   (default train)     any MlCli subcommand but recommend
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${GCP_PROJECT:?}" "${GCP_REGION:?}" "${ML_BUCKET:?}"
BQ_PROCESSED="${BQ_PROCESSED:-processed}"
BQ_RESULTS="${BQ_RESULTS:-models}"
JAR=spark-ml/target/spark-ml-0.1.0-SNAPSHOT.jar
SHARED=shared/target/shared-0.1.0-SNAPSHOT.jar
gsutil cp "$JAR" "$SHARED" "$ML_BUCKET/jars/"
gcloud dataproc batches submit spark \
  --project="$GCP_PROJECT" --region="$GCP_REGION" \
  --version=2.2 \
  --class=dev.animerec.ml.MlCli \
  --jars="$ML_BUCKET/jars/$(basename "$JAR"),$ML_BUCKET/jars/$(basename "$SHARED"),gs://spark-lib/bigquery/spark-bigquery-with-dependencies_2.12-0.42.1.jar" \
  --properties="spark.executor.instances=2,spark.driver.memory=8g,spark.executor.memory=8g,spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector,spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector" \
  -- "${ML_COMMAND:-train}" \
  --home "$ML_BUCKET/anime-rec" \
  --bq-processed "$GCP_PROJECT.$BQ_PROCESSED" \
  --bq-results "$GCP_PROJECT.$BQ_RESULTS"
