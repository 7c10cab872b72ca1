package dev.animerec.pipeline;

/**
 * A group of stages that runs on one cadence: one Composer DAG each on Google Cloud. Locally one run walks
 * all flows in dependency order.
 */
public enum Flow {

    /** Pick the next urls to crawl and queue them: every few minutes. */
    CRAWL("anime_rec_crawl", "*/10 * * * *"),
    /** Landing -> staging -> processed with validation gates: hourly. */
    ETL("anime_rec_etl", "15 * * * *"),
    /** Training, batch inference, evaluation, then publish when the run succeeded: daily. */
    ML("anime_rec_ml", "30 3 * * *");

    private final String dagId;
    private final String cron;

    Flow(String dagId, String cron) {
        this.dagId = dagId;
        this.cron = cron;
    }

    /** The Composer DAG id of this flow. */
    public String dagId() {
        return dagId;
    }

    /** The flow's schedule on Google Cloud (cron, UTC). */
    public String cron() {
        return cron;
    }
}
