package dev.animerec.crawler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.crawler.CrawlerProperties;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.output.CrawlHandler;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP service ({@code animerec.crawler.mode=service}). {@code POST /crawl} crawls the urls it is given,
 * emits their items onto the ingestion queue and marks the schedule, as the worker does, and answers the
 * items too; the seeds only add urls to the schedule tables for the scheduler to pick.
 */
@RestController
@ConditionalOnProperty(name = "animerec.crawler.mode", havingValue = "service")
class CrawlServiceController {

    private static final Logger log = LoggerFactory.getLogger(CrawlServiceController.class);
    // The wire format of the items (snake_case, kind discriminator), not the web layer's mapper.
    private static final ObjectMapper ITEMS = ItemJson.newMapper();

    private final UrlCrawler crawler;
    private final CrawlHandler handler;
    private final ScheduleRepository schedule;
    private final CrawlerProperties.Service limits;

    CrawlServiceController(UrlCrawler crawler, CrawlHandler handler, ScheduleRepository schedule,
                           CrawlerProperties properties) {
        this.crawler = crawler;
        this.handler = handler;
        this.schedule = schedule;
        this.limits = properties.service();
    }

    /**
     * Body: a JSON array of anime or profile urls. Answer: {@code {"crawled", "failed", "items": [...],
     * "failures": [{"url", "reason"}]}}; a url whose crawl fails is dead-lettered and listed, the others go on.
     */
    @PostMapping(path = "/crawl", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode crawl(@RequestBody List<String> urls) throws InterruptedException, JsonProcessingException {
        validate(urls);
        ObjectNode answer = ITEMS.createObjectNode();
        ArrayNode items = ITEMS.createArrayNode();
        ArrayNode failures = ITEMS.createArrayNode();
        int crawled = 0;
        for (String url : urls) {
            CrawlHandler.Outcome outcome = handler.handle(url, 1);
            if (outcome.crawled()) {
                crawled++;
                for (Item item : outcome.items()) {
                    items.add(ITEMS.readTree(ItemJson.write(item)));
                }
            } else {
                failures.addObject().put("url", url).put("reason", outcome.failure());
            }
        }
        log.info("POST /crawl: {} urls, {} crawled, {} failed, {} items", urls.size(), crawled, failures.size(),
                items.size());
        answer.put("crawled", crawled).put("failed", failures.size());
        answer.set("items", items);
        answer.set("failures", failures);
        return answer;
    }

    private void validate(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new BadRequestException("give a JSON array of 1 to " + limits.maxUrls() + " anime or profile urls");
        }
        if (urls.size() > limits.maxUrls()) {
            throw new BadRequestException(urls.size() + " urls asked, at most " + limits.maxUrls()
                    + " per request (animerec.crawler.service.max-urls)");
        }
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (url == null || url.isBlank()) {
                throw new BadRequestException("url #" + (i + 1) + " is empty");
            }
            try {
                crawler.entity(url);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("url #" + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    /** Adds the top-anime list's anime (Jikan, 25 a page) to the schedule; crawls nothing. */
    @PostMapping(path = "/seed/top-anime", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> seedTopAnime(@RequestParam(defaultValue = "1") int pages)
            throws FetchException, ParseException, InterruptedException {
        if (pages < 1 || pages > limits.maxTopAnimePages()) {
            throw new BadRequestException("pages must be between 1 and " + limits.maxTopAnimePages() + ", was " + pages);
        }
        return seed("top-anime", crawler.topAnime(pages));
    }

    /** Adds the recently active profiles of MAL's users page to the schedule; crawls nothing. */
    @PostMapping(path = "/seed/recent-profiles", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> seedRecentProfiles() throws FetchException, ParseException, InterruptedException {
        return seed("recent-profiles", crawler.recentProfiles());
    }

    private Map<String, Integer> seed(String what, Set<MalUrl> urls) {
        int added = schedule.seed(urls);
        log.info("seed {}: {} urls seen, {} new in the schedule", what, urls.size(), added);
        return Map.of("seen", urls.size(), "added", added);
    }
}
