package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.ScoreCount;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** An anime's statistics page ({@code /anime/<id>/x/stats}): list counts per status and votes per score. */
public final class AnimeStatsPageParser {

    static final String KIND = "mal anime stats page";

    public AnimeStatistics parse(String html, String url) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            Long total = Numbers.toLong(page.value("Total"));
            if (total == null) {
                throw page.missing("total");
            }
            List<ScoreCount> scores = new ArrayList<>();
            for (Element row : page.doc.select("table.score-stats tr")) {
                Element label = row.selectFirst("td.score-label");
                Element votes = row.selectFirst("small");
                if (label == null || votes == null) {
                    continue;
                }
                Integer score = Numbers.toInt(label.text(), "score");
                Long count = Numbers.toLong(votes.text());
                if (score == null || count == null) {
                    throw page.missing("score_counts");
                }
                scores.add(new ScoreCount(score, count));
            }
            return new AnimeStatistics(Numbers.toLong(page.value("Watching")),
                    Numbers.toLong(page.value("Completed")), Numbers.toLong(page.value("On-Hold")),
                    Numbers.toLong(page.value("Dropped")), Numbers.toLong(page.value("Plan to Watch")), total, scores);
        });
    }
}
