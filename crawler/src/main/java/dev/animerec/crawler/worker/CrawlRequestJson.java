package dev.animerec.crawler.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.animerec.schedule.CrawlRequest;

/** The crawl queue's wire format, read side: {@code {"url","kind","scheduledAt","attempt"}}, ISO-8601 instants. */
final class CrawlRequestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private CrawlRequestJson() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the message */
    static CrawlRequest read(String json) {
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
