package dev.animerec.batch.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.animerec.schedule.CrawlRequest;

/** The crawl queue's wire format: {@code {"url","kind","scheduledAt","attempt"}}, ISO-8601 instants. */
public final class CrawlRequestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private CrawlRequestJson() {
    }

    public static String write(CrawlRequest request) {
        try {
            return MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write crawl request " + request, e);
        }
    }
}
