package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * An anime's user recommendations page ({@code /anime/<id>/x/userrecs}): one pair per recommended anime,
 * with the number of users who recommended it (the first one shown plus "N more users").
 */
public final class AnimeRecommendationsPageParser {

    static final String KIND = "mal anime recommendations page";

    public Parsed parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            int animeId = page.animeId();
            List<AnimeRecommendationItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (Element permalink : page.doc.select("a[href*=/recommendations/anime/]")) {
                String pair = permalink.attr("href").replaceFirst(".*/recommendations/anime/", "");
                String[] ids = pair.split("-");
                if (ids.length != 2 || !ids[0].matches("\\d{1,9}") || !ids[1].matches("\\d{1,9}")) {
                    throw new ParseException(KIND, "recommendation_url", "unexpected permalink '" + pair + "'");
                }
                int a = Integer.parseInt(ids[0]);
                int b = Integer.parseInt(ids[1]);
                if (a != animeId && b != animeId) {
                    continue;
                }
                int other = a == animeId ? b : a;
                Element block = permalink.closest("td");
                if (block == null) {
                    throw page.missing("recommendation");
                }
                Element title = block.selectFirst("a[href*=/anime/" + other + "] strong");
                int recommenders = 1;
                Element more = block.selectFirst("a.js-similar-recommendations-button strong");
                if (more != null) {
                    Integer extra = Numbers.toInt(more.text(), "recommenders");
                    recommenders += extra == null ? 0 : extra;
                }
                items.add(AnimeRecommendationItem.of(url, crawlDate, animeId, other,
                        title == null ? null : title.text().trim(), permalink.absUrl("href"), recommenders));
                links.add(Links.anime("recommended_anime_id", other));
                links.addAll(MalPage.links(block.select("a[href*=/profile/]")));
            }
            return Parsed.of(items, links);
        });
    }
}
