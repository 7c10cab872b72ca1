package dev.animerec.ingest;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of the ingestion job; every Beam, GCP, Pub/Sub and BigQuery option is accepted as well. */
public interface IngestOptions extends PubsubOptions, BigQueryOptions {

    /** Where items come from. */
    enum Source { SPOOL, PUBSUB }

    /** Where valid items land (dead letters go beside them). */
    enum Landing { FILES, BIGQUERY }

    @Description("Local home holding spool/inbox and warehouse/ (default: $ANIMEREC_LOCAL_HOME, "
            + "-Danimerec.local.home, else ./var)")
    @Default.InstanceFactory(HomeFactory.class)
    String getHome();

    void setHome(String home);

    @Description("SPOOL: the crawler's spool inbox <home>/spool/inbox/*.jsonl; PUBSUB: --subscription")
    @Default.Enum("SPOOL")
    Source getSource();

    void setSource(Source source);

    @Description("FILES: <home>/warehouse/landing/<kind>/crawl_date=YYYY-MM-DD/*.jsonl; "
            + "BIGQUERY: <project>:<landingDataset>.<kind> tables")
    @Default.Enum("FILES")
    Landing getLanding();

    void setLanding(Landing landing);

    @Description("Ingest the spool files present at start, move them to <home>/spool/ingested/ and exit "
            + "(SPOOL source only). Without it the job streams until stopped.")
    @Default.Boolean(false)
    boolean getDrain();

    void setDrain(boolean drain);

    @Description("Seconds between two looks at the spool inbox when streaming")
    @Default.Integer(5)
    int getPollSeconds();

    void setPollSeconds(int seconds);

    @Description("Longest time, in seconds, a streamed record waits before its landing file is written")
    @Default.Integer(10)
    int getFlushSeconds();

    void setFlushSeconds(int seconds);

    @Description("Most records per landing file")
    @Default.Integer(20_000)
    int getBatchSize();

    void setBatchSize(int records);

    @Description("Pub/Sub subscription (default projects/<project>/subscriptions/items-ingest)")
    String getSubscription();

    void setSubscription(String subscription);

    @Description("Pub/Sub message attribute carrying the item uid, for the runner's own redelivery dedupe "
            + "(optional: the job dedupes by uid anyway)")
    String getPubsubIdAttribute();

    void setPubsubIdAttribute(String attribute);

    @Description("BigQuery dataset of the landing tables and of dead_letter")
    @Default.String("landing")
    String getLandingDataset();

    void setLandingDataset(String dataset);

    @Description("BIGQUERY landing: hours a landed uid is remembered to drop redeliveries")
    @Default.Integer(168)
    int getDedupeHours();

    void setDedupeHours(int hours);

    @Description("Seconds between two progress lines (counts and rates)")
    @Default.Integer(30)
    int getProgressSeconds();

    void setProgressSeconds(int seconds);

    /** The local home as the other stages find it: environment, then system property, then {@code ./var}. */
    class HomeFactory implements DefaultValueFactory<String> {
        @Override
        public String create(PipelineOptions options) {
            String fromEnv = System.getenv("ANIMEREC_LOCAL_HOME");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            return System.getProperty("animerec.local.home", "./var");
        }
    }
}
