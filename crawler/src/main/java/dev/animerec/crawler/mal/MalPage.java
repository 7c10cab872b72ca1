package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.schedule.MalUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A parsed MAL html page with the lookups every MAL page parser needs. MAL's anime pages (main, stats,
 * pictures, reviews, recommendations) all carry the same left column of {@code span.dark_text} labels
 * ("Type:", "Members:"...), unchanged from the 2017 to the 2023 layout, so fields are read by label.
 */
final class MalPage {

    private static final Pattern ANIME_HREF = Pattern.compile("/anime/(\\d{1,9})(?:/|$|\\?)");
    private static final Pattern PROFILE_HREF = Pattern.compile("/profile/([A-Za-z0-9_-]{2,16})/?$");

    final Document doc;
    final String url;
    final String kind;
    private Map<String, Element> labels;

    private MalPage(Document doc, String url, String kind) {
        this.doc = doc;
        this.url = url;
        this.kind = kind;
    }

    static MalPage parse(String html, String url, String kind) {
        return new MalPage(Jsoup.parse(html, url), url, kind);
    }

    ParseException missing(String field) {
        return new ParseException(kind, field, "not found on the page " + url);
    }

    /** The anime this page is about: the list form's hidden id, else og:url, else the requested url. */
    int animeId() throws ParseException {
        Element input = doc.selectFirst("input#myinfo_anime_id");
        if (input != null && input.attr("value").matches("\\d{1,9}")) {
            return Integer.parseInt(input.attr("value"));
        }
        Element og = doc.selectFirst("meta[property=og:url]");
        if (og != null) {
            Integer id = animeIdOf(og.attr("content"));
            if (id != null) {
                return id;
            }
        }
        throw missing("anime_id");
    }

    /**
     * The anime of a listing page (reviews), which need not carry the list form or og:url: the page's own id
     * when it has one, else the one in the requested url.
     */
    int animeIdOrRequested() throws ParseException {
        Integer fromUrl = animeIdOf(url);
        if (fromUrl != null && doc.selectFirst("input#myinfo_anime_id, meta[property=og:url]") == null) {
            return fromUrl;
        }
        return animeId();
    }

    /** Text after each "Label:" of the left column, keyed by the label without colon, first occurrence wins. */
    Map<String, Element> labels() {
        if (labels == null) {
            labels = new LinkedHashMap<>();
            for (Element label : doc.select("span.dark_text")) {
                String key = label.text().trim().replaceAll(":$", "").trim();
                if (!key.isEmpty() && label.parent() != null) {
                    labels.putIfAbsent(key, label.parent());
                }
            }
        }
        return labels;
    }

    /** The value of a label: its container's own text without the label. */
    String value(String... names) {
        for (String name : names) {
            Element container = labels().get(name);
            if (container != null) {
                Element copy = container.clone();
                copy.select("span.dark_text, sup, small, span[style*=display: none]").remove();
                String text = copy.text().trim();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    /** The link texts of a label ("Studios:", "Genres:"), MAL's "None found, add some" being empty. */
    List<String> linkTexts(String... names) {
        for (String name : names) {
            Element container = labels().get(name);
            if (container != null) {
                List<String> texts = new ArrayList<>();
                for (Element a : container.select("a")) {
                    String href = a.attr("href");
                    if (href.contains("add") && href.contains("dbchanges") || a.text().isBlank()) {
                        continue;
                    }
                    Element title = a.selectFirst("span[itemprop=genre]");
                    texts.add((title != null ? title.text() : a.attr("title").isBlank() ? a.text() : a.attr("title"))
                            .trim());
                }
                return texts;
            }
        }
        return List.of();
    }

    static Integer animeIdOf(String href) {
        if (href == null) {
            return null;
        }
        Matcher m = ANIME_HREF.matcher(href);
        if (m.find()) {
            int id = Integer.parseInt(m.group(1));
            return id > 0 ? id : null;
        }
        return null;
    }

    static String usernameOf(String href) {
        if (href == null) {
            return null;
        }
        String path = href.replaceFirst("^[a-z]+://[^/]+", "").replaceFirst("[?#].*$", "");
        Matcher m = PROFILE_HREF.matcher(path);
        return m.find() ? m.group(1) : null;
    }

    /** Every anime and profile link on the given elements, canonicalised. */
    static Set<MalUrl> links(Iterable<Element> anchors) {
        Set<MalUrl> links = new LinkedHashSet<>();
        for (Element a : anchors) {
            String href = a.attr("href");
            Integer id = animeIdOf(href);
            if (id != null) {
                links.add(Links.anime("anime_link", id));
                continue;
            }
            String user = usernameOf(href);
            if (user != null) {
                links.add(Links.profile("profile_link", user));
            }
        }
        return links;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
