package dev.animerec.batch.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;

/** One log line per committed chunk: how many urls were queued so far and at what rate. */
class ScheduleProgressListener implements ChunkListener {

    private static final Logger log = LoggerFactory.getLogger(ScheduleProgressListener.class);

    @Override
    public void afterChunk(ChunkContext context) {
        StepExecution step = context.getStepContext().getStepExecution();
        LocalDateTime start = step.getStartTime();
        double seconds = start == null ? 0 : Math.max(Duration.between(start, LocalDateTime.now()).toMillis(), 1) / 1000.0;
        log.info("crawl-schedule kind={}: {} urls queued in {} chunks ({} urls/s)",
                step.getJobParameters().getString(CrawlScheduleJobConfiguration.KIND), step.getWriteCount(),
                step.getCommitCount(), seconds == 0 ? "-" : String.format("%.0f", step.getWriteCount() / seconds));
    }
}
