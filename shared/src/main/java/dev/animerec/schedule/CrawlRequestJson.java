package dev.animerec.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The crawl queue's wire format, both sides: {@code {"url","kind","scheduledAt","attempt"}}, ISO-8601
 * instants. The scheduler writes it, the crawler's workers read it (JDBC queue locally, Pub/Sub on gcp).
 */
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

    /** @throws IllegalArgumentException naming what is wrong with the message */
    public static CrawlRequest read(String json) {
        CrawlRequest request;
        try {
            request = MAPPER.readValue(json, CrawlRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a crawl request: " + e.getOriginalMessage(), e);
        }
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new IllegalArgumentException("crawl request without url");
        }
        if (request.kind() == null) {
            throw new IllegalArgumentException("crawl request without kind");
        }
        if (request.attempt() < 1) {
            throw new IllegalArgumentException("crawl request attempt must be at least 1, was " + request.attempt());
        }
        return request;
    }
}
