package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Links;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * An anime's reviews page ({@code /anime/<id>/x/reviews?p=N}) in both layouts. 2017-2021: a
 * {@code div.borderDark} per review, with a hidden per-criterion score table and a helpful count. 2022+: a
 * {@code div.review-element} per review with the overall "Reviewer's Rating" only; MAL replaced the helpful
 * votes by reactions then (old helpful votes became "Nice" reactions), so the helpful count is the total of
 * the review's reactions, and the per-criterion scores are absent (null), not guessed.
 */
public final class AnimeReviewsPageParser {

    static final String KIND = "mal anime reviews page";

    private static final Pattern REACTIONS_TOTAL = Pattern.compile("\"num\"\\s*:\\s*(\\d{1,9})");
    private static final Pattern REVIEW_ID = Pattern.compile("reviews\\.php\\?id=(\\d{1,12})");

    public Parsed parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            int animeId = page.animeIdOrRequested();
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
                                Numbers.toInt(row.child(1).text(), "score_" + row.child(0).text().trim()));
                    }
                }
                if (!scores.containsKey("overall")) {
                    throw page.missing("score_overall");
                }
                items.add(new ReviewItem(null, 0, url, crawlDate, animeId, reviewer, reviewId,
                        date == null ? null : MalDates.day(date.text()), Numbers.toInt(helpful.text(), "helpful_count"),
                        scores.get("overall"), scores.get("story"), scores.get("animation"), scores.get("sound"),
                        scores.get("character"), scores.get("enjoyment"),
                        seen == null ? null : Numbers.toInt(seen.text(), "episodes_seen")));
                links.add(Links.profile("reviewer", reviewer));
            }
            for (Element review : page.doc.select("div.review-element")) {
                Element name = review.selectFirst("div.username a[href*=/profile/]");
                String reviewer = name == null ? null : MalPage.usernameOf(name.attr("href"));
                if (reviewer == null) {
                    throw page.missing("reviewer");
                }
                Element rating = review.selectFirst("div.rating span.num");
                Integer overall = rating == null ? null : Numbers.toInt(rating.text(), "score_overall");
                if (overall == null) {
                    throw page.missing("score_overall");
                }
                Matcher reactions = REACTIONS_TOTAL.matcher(review.attr("data-reactions"));
                Element permalink = review.selectFirst("a[href*=reviews.php?id=]");
                Matcher id = permalink == null ? null : REVIEW_ID.matcher(permalink.attr("href"));
                Element date = review.selectFirst("div.update_at");
                items.add(new ReviewItem(null, 0, url, crawlDate, animeId, reviewer,
                        id != null && id.find() ? Numbers.toLong(id.group(1)) : null,
                        date == null ? null : MalDates.day(date.text()),
                        reactions.find() ? Numbers.toInt(reactions.group(1), "helpful_count") : null,
                        overall, null, null, null, null, null, null));
                links.add(Links.profile("reviewer", reviewer));
            }
            return Parsed.of(items, links);
        });
    }
}
