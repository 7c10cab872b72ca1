-- Owned by batch-jobs (the crawl scheduler, issue 3).
--
-- 1. Indexes for the crawl selection. The priority order (SYSTEM.md section 1) splits each schedule table
--    into three groups that never depend on the clock, one partial index each, all ordered by the same
--    keys as the selection query (longest since crawled, most recently inspected, most often inspected):
--      never scheduled                      -> picked first;
--      crawled since its last scheduling    -> the normal middle tier;
--      awaiting a crawl since its scheduling -> middle tier once the scheduling is 7 days old, else last.
--    Each tier is then one ordered index scan that stops after LIMIT rows, instead of a sort of the table.
--    The awaiting rows also get an index by scheduling date: the middle tier wants only those scheduled 7+
--    days ago (few: failing urls), and an ordered scan would wade through every recent one to find them.
CREATE INDEX anime_schedule_never_scheduled
    ON anime_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NULL;
CREATE INDEX anime_schedule_crawled_since_scheduled
    ON anime_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NOT NULL AND last_crawled_date >= last_scheduled_date;
CREATE INDEX anime_schedule_awaiting_crawl
    ON anime_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NOT NULL AND (last_crawled_date IS NULL OR last_crawled_date < last_scheduled_date);
CREATE INDEX anime_schedule_awaiting_crawl_by_scheduling
    ON anime_schedule (last_scheduled_date)
    WHERE last_scheduled_date IS NOT NULL AND (last_crawled_date IS NULL OR last_crawled_date < last_scheduled_date);

CREATE INDEX profile_schedule_never_scheduled
    ON profile_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NULL;
CREATE INDEX profile_schedule_crawled_since_scheduled
    ON profile_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NOT NULL AND last_crawled_date >= last_scheduled_date;
CREATE INDEX profile_schedule_awaiting_crawl
    ON profile_schedule (last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC)
    WHERE last_scheduled_date IS NOT NULL AND (last_crawled_date IS NULL OR last_crawled_date < last_scheduled_date);
CREATE INDEX profile_schedule_awaiting_crawl_by_scheduling
    ON profile_schedule (last_scheduled_date)
    WHERE last_scheduled_date IS NOT NULL AND (last_crawled_date IS NULL OR last_crawled_date < last_scheduled_date);

-- 2. Spring Batch 5.2 job repository (spring-batch-core's schema-postgresql.sql, unchanged), kept under
--    Flyway so every process that migrates the schedule database finds it, and no process re-creates it.
CREATE TABLE BATCH_JOB_INSTANCE  (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY ,
	VERSION BIGINT ,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE BATCH_JOB_EXECUTION  (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY ,
	VERSION BIGINT  ,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL ,
	END_TIME TIMESTAMP DEFAULT NULL ,
	STATUS VARCHAR(10) ,
	EXIT_CODE VARCHAR(2500) ,
	EXIT_MESSAGE VARCHAR(2500) ,
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS  (
	JOB_EXECUTION_ID BIGINT NOT NULL ,
	PARAMETER_NAME VARCHAR(100) NOT NULL ,
	PARAMETER_TYPE VARCHAR(100) NOT NULL ,
	PARAMETER_VALUE VARCHAR(2500) ,
	IDENTIFYING CHAR(1) NOT NULL ,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION  (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY ,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL ,
	END_TIME TIMESTAMP DEFAULT NULL ,
	STATUS VARCHAR(10) ,
	COMMIT_COUNT BIGINT ,
	READ_COUNT BIGINT ,
	FILTER_COUNT BIGINT ,
	WRITE_COUNT BIGINT ,
	READ_SKIP_COUNT BIGINT ,
	WRITE_SKIP_COUNT BIGINT ,
	PROCESS_SKIP_COUNT BIGINT ,
	ROLLBACK_COUNT BIGINT ,
	EXIT_CODE VARCHAR(2500) ,
	EXIT_MESSAGE VARCHAR(2500) ,
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT  (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT ,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT  (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT ,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE SEQUENCE BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
