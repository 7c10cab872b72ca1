package dev.animerec.crawler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot side of the crawler, for the long-running modes ({@code worker}, {@code service}); which
 * mode's beans exist is decided by {@code animerec.crawler.mode}, set by {@link CrawlerApplication}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrawlerSpringApplication {
}
