package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.MalDates;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.RelatedAnimeItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/** An anime's main page ({@code /anime/<id>}): main info and related anime. */
public final class AnimeMainPageParser {

    static final String KIND = "mal anime page";

    /** The main page's fields, to be completed with the stats and pictures pages before building the item. */
    public record MainPage(AnimeItem.Builder anime, int animeId, List<RelatedAnimeItem> related, Set<MalUrl> links) {
    }

    public MainPage parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            int animeId = page.animeId();
            String title = title(page);
            String type = page.value("Type");
            if (type == null) {
                throw page.missing("type");
            }
            AnimeItem.Builder anime = AnimeItem.builder(url, crawlDate, animeId, title)
                    .titleEnglish(page.value("English"))
                    .titleJapanese(page.value("Japanese"))
                    .synopsis(synopsis(page))
                    .mainPicture(mainPicture(page))
                    .type(type)
                    .source(page.value("Source"))
                    .episodes(Numbers.toInt(page.value("Episodes"), "episodes"))
                    .status(page.value("Status"))
                    .studios(page.linkTexts("Studios"))
                    .genres(page.linkTexts("Genres", "Genre"))
                    .themes(page.linkTexts("Themes", "Theme"))
                    .rating(page.value("Rating"))
                    .rank(Numbers.toInt(page.value("Ranked"), "rank"))
                    .popularity(Numbers.toInt(page.value("Popularity"), "popularity"))
                    .members(Numbers.toLong(page.value("Members")))
                    .favorites(Numbers.toLong(page.value("Favorites")));
            aired(anime, page.value("Aired"));
            premiered(anime, page.value("Premiered"));
            score(anime, page);
            // Validates the contract now, so a broken field is this page's typed error, not the caller's.
            anime.build();
            List<RelatedAnimeItem> related = related(page, animeId, crawlDate);
            Set<MalUrl> links = new LinkedHashSet<>();
            related.forEach(r -> links.add(Links.anime("related_anime_id", r.relatedAnimeId())));
            return new MainPage(anime, animeId, related, links);
        });
    }

    private static String title(MalPage page) throws ParseException {
        Element h1 = page.doc.selectFirst("h1.title-name, h1 span[itemprop=name], h1.h1 span");
        String title = h1 == null ? null : h1.text().trim();
        if (title == null || title.isEmpty()) {
            throw page.missing("title");
        }
        return title;
    }

    private static String synopsis(MalPage page) {
        Element description = page.doc.selectFirst("[itemprop=description]");
        return description == null ? null : description.text().trim();
    }

    private static String mainPicture(MalPage page) {
        Element img = page.doc.selectFirst("img[itemprop=image]");
        if (img != null) {
            String src = img.hasAttr("data-src") ? img.attr("data-src") : img.attr("src");
            if (!src.isBlank()) {
                return src;
            }
        }
        Element og = page.doc.selectFirst("meta[property=og:image]");
        return og == null || og.attr("content").isBlank() ? null : og.attr("content");
    }

    private static void aired(AnimeItem.Builder anime, String aired) {
        if (aired == null) {
            return;
        }
        String[] range = aired.split("\\s+to\\s+", 2);
        anime.airedFrom(MalDates.day(range[0]));
        if (range.length == 2) {
            anime.airedTo(MalDates.day(range[1]));
        }
    }

    private static void premiered(AnimeItem.Builder anime, String premiered) {
        if (premiered == null) {
            return;
        }
        String[] parts = premiered.trim().split("\\s+");
        if (parts.length == 2 && parts[1].matches("\\d{4}")
                && parts[0].toLowerCase(Locale.ROOT).matches("winter|spring|summer|fall")) {
            anime.season(parts[0].toLowerCase(Locale.ROOT)).seasonYear(Integer.parseInt(parts[1]));
        }
    }

    private static void score(AnimeItem.Builder anime, MalPage page) {
        Element container = page.labels().get("Score");
        if (container == null) {
            return;
        }
        Element value = container.selectFirst("[itemprop=ratingValue]");
        anime.score(Numbers.toDouble(value != null ? value.text() : page.value("Score")));
        Element count = container.selectFirst("[itemprop=ratingCount]");
        if (count != null) {
            anime.scoredBy(Numbers.toLong(count.text()));
        } else {
            String text = container.text();
            int at = text.indexOf("scored by");
            anime.scoredBy(at < 0 ? null : Numbers.toLong(text.substring(at)));
        }
    }

    private static List<RelatedAnimeItem> related(MalPage page, int animeId, Instant crawlDate) {
        List<RelatedAnimeItem> related = new ArrayList<>();
        for (Element label : page.doc.select("table.anime_detail_related_anime td.borderClass[nowrap]")) {
            String relation = label.text().trim().replaceAll(":$", "").trim().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z]+", "_");
            Element entries = label.nextElementSibling();
            if (entries == null || relation.isEmpty()) {
                continue;
            }
            for (Element a : entries.select("a")) {
                Integer other = MalPage.animeIdOf(a.attr("href"));
                if (other != null && a.attr("href").matches("^(https?://[^/]+)?/anime/.*")) {
                    related.add(RelatedAnimeItem.of(page.url, crawlDate, animeId, other, relation, a.text().trim(),
                            related.size()));
                }
            }
        }
        return related;
    }
}
