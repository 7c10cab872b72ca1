package dev.animerec.crawler;

import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.politeness.InProcessRequestBudgets;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.PrintStream;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The crawler's entry point.
 * <ul>
 * <li>{@code crawl URL...}: one-shot, prints the items as JSON lines on stdout (logs on stderr), exit 1 if
 * any url failed; touches neither the schedule nor the spool. A plain main: no Spring, starts in a blink; no
 * database either, so its per-host budgets are its own (run it while no worker crawls the same hosts).</li>
 * <li>{@code worker [--spring.option=value...]}: the queue worker, a Spring Boot application without web
 * server, until stopped.</li>
 * <li>{@code service [--spring.option=value...]}: the HTTP service ({@code POST /crawl},
 * {@code POST /seed/top-anime}, {@code POST /seed/recent-profiles}) on port 8081 ({@code --server.port}).</li>
 * </ul>
 */
public final class CrawlerApplication {

    private CrawlerApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage(System.err);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "crawl" -> System.exit(crawl(rest, System.out, System.err));
            case "worker" -> spring("worker", WebApplicationType.NONE, rest);
            case "service" -> spring("service", WebApplicationType.SERVLET, rest);
            default -> {
                usage(System.err);
                System.exit(2);
            }
        }
    }

    /** Runs until the JVM is asked to stop; the context closes on shutdown, returning in-flight urls to the queue. */
    private static void spring(String mode, WebApplicationType web, String[] args) {
        new SpringApplicationBuilder(CrawlerSpringApplication.class)
                .web(web)
                .properties("animerec.crawler.mode=" + mode, "spring.main.keep-alive=true")
                .run(args);
    }

    static int crawl(String[] urls, PrintStream out, PrintStream err) throws InterruptedException {
        if (urls.length == 0) {
            err.println("crawl: give at least one anime or profile url");
            return 2;
        }
        UrlCrawler crawler = new UrlCrawler(CrawlerSettings.fromEnvironment(), new InProcessRequestBudgets());
        int failures = 0;
        for (String url : urls) {
            try {
                Parsed parsed = crawler.crawl(url);
                for (Item item : parsed.items()) {
                    out.println(ItemJson.write(item));
                }
                err.println("crawled " + url + ": " + parsed.items().size() + " items, " + parsed.links().size()
                        + " links");
            } catch (FetchException | ParseException | IllegalArgumentException e) {
                failures++;
                err.println("FAILED " + url + ": " + e.getMessage());
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static void usage(PrintStream err) {
        err.println("usage: crawler crawl URL...            crawl urls, print the items as JSON lines");
        err.println("       crawler worker [--key=value...]  crawl the urls of the crawl queue until stopped");
        err.println("       crawler service [--key=value...] HTTP service on port 8081 (POST /crawl, /seed/...)");
    }
}
