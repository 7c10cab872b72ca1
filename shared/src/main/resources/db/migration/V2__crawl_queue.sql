-- The local crawl queue: Spring Integration's JDBC channel message store (spring-integration-jdbc's
-- schema-postgresql.sql, the tables a queue channel needs), plus the notify trigger that lets a
-- PostgresSubscribableChannel wake consumers without polling.
CREATE SEQUENCE INT_MESSAGE_SEQ START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE INT_CHANNEL_MESSAGE (
    MESSAGE_ID       CHAR(36)     NOT NULL,
    GROUP_KEY        CHAR(36)     NOT NULL,
    CREATED_DATE     BIGINT       NOT NULL,
    MESSAGE_PRIORITY BIGINT,
    MESSAGE_SEQUENCE BIGINT       NOT NULL DEFAULT nextval('INT_MESSAGE_SEQ'),
    MESSAGE_BYTES    BYTEA,
    REGION           VARCHAR(100) NOT NULL,
    CONSTRAINT INT_CHANNEL_MESSAGE_PK PRIMARY KEY (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);

CREATE INDEX INT_CHANNEL_MSG_DELETE_IDX ON INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);

CREATE TABLE INT_LOCK (
    LOCK_KEY     CHAR(36)     NOT NULL,
    REGION       VARCHAR(100) NOT NULL,
    CLIENT_ID    CHAR(36),
    CREATED_DATE TIMESTAMP    NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

CREATE FUNCTION INT_CHANNEL_MESSAGE_NOTIFY_FCT()
    RETURNS TRIGGER AS
$BODY$
BEGIN
    PERFORM pg_notify('int_channel_message_notify', NEW.REGION || ' ' || NEW.GROUP_KEY);
    RETURN NEW;
END;
$BODY$ LANGUAGE PLPGSQL;

CREATE TRIGGER INT_CHANNEL_MESSAGE_NOTIFY_TRG
    AFTER INSERT ON INT_CHANNEL_MESSAGE
    FOR EACH ROW
EXECUTE PROCEDURE INT_CHANNEL_MESSAGE_NOTIFY_FCT();

-- Urls whose crawl failed after the last attempt, with the reason: nothing is lost, a person or a
-- later run can look at them and re-seed.
CREATE TABLE crawl_dead_letter (
    id        BIGSERIAL PRIMARY KEY,
    url       TEXT        NOT NULL,
    kind      TEXT        NOT NULL,
    attempts  INTEGER     NOT NULL,
    reason    TEXT        NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX crawl_dead_letter_url ON crawl_dead_letter (url);
