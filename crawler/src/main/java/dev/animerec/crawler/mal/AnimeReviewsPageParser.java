package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.MalDates;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ReviewItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * An anime's reviews page ({@code /anime/<id>/x/reviews?p=N}), 2017-2021 layout ({@code div.borderDark}
 * per review with a hidden per-criterion score table). The 2022+ layout without per-criterion scores has no
 * recorded fixture, so a page of that shape yields no reviews rather than guessed ones.
 */
public final class AnimeReviewsPageParser {

    static final String KIND = "mal anime reviews page";

    public Parsed parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            int animeId = page.animeId();
            List<ReviewItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (Element review : page.doc.select("div.borderDark")) {
                String reviewer = null;
                for (Element a : review.select("a[href*=/profile/]")) {
                    reviewer = MalPage.usernameOf(a.attr("href"));
                    if (reviewer != null) {
                        break;
                    }
                }
                if (reviewer == null) {
                    throw page.missing("reviewer");
                }
                Element helpful = review.selectFirst("span[id^=rhelp]");
                if (helpful == null) {
                    throw page.missing("helpful_count");
                }
                Long reviewId = Numbers.toLong(helpful.id());
                Element date = review.selectFirst("div.mb8 > div[title]");
                Element seen = review.selectFirst("div.mb8 > div.lightLink");
                Map<String, Integer> scores = new HashMap<>();
                for (Element row : review.select("div[id^=score] tr")) {
                    if (row.children().size() == 2) {
                        scores.put(row.child(0).text().trim().toLowerCase(Locale.ROOT),
                                Numbers.toInt(row.child(1).text()));
                    }
                }
                if (!scores.containsKey("overall")) {
                    throw page.missing("score_overall");
                }
                items.add(new ReviewItem(null, 0, url, crawlDate, animeId, reviewer, reviewId,
                        date == null ? null : MalDates.day(date.text()), Numbers.toInt(helpful.text()),
                        scores.get("overall"), scores.get("story"), scores.get("animation"), scores.get("sound"),
                        scores.get("character"), scores.get("enjoyment"),
                        seen == null ? null : Numbers.toInt(seen.text())));
                links.add(MalUrl.profile(reviewer));
            }
            return Parsed.of(items, links);
        });
    }
}
