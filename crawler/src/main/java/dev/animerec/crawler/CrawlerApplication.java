package dev.animerec.crawler;

import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The crawler's entry point.
 * <ul>
 * <li>{@code crawl URL...}: one-shot, prints the items as JSON lines on stdout (logs on stderr), exit 1 if
 * any url failed; touches neither the schedule nor the spool.</li>
 * </ul>
 * The queue worker and the HTTP service modes are not built yet (see the module README).
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
            default -> {
                usage(System.err);
                System.exit(2);
            }
        }
    }

    static int crawl(String[] urls, PrintStream out, PrintStream err) throws InterruptedException {
        if (urls.length == 0) {
            err.println("crawl: give at least one anime or profile url");
            return 2;
        }
        UrlCrawler crawler = new UrlCrawler(CrawlerSettings.fromEnvironment());
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
        err.println("usage: crawler crawl URL...");
    }
}
