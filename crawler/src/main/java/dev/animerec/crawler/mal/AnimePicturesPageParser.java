package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** An anime's pictures page ({@code /anime/<id>/x/pics}): the gallery's large pictures. */
public final class AnimePicturesPageParser {

    static final String KIND = "mal anime pictures page";

    public List<String> parse(String html, String url) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            page.animeId();
            List<String> pictures = new ArrayList<>();
            for (Element a : page.doc.select("a.js-picture-gallery[href]")) {
                pictures.add(a.attr("href"));
            }
            return pictures;
        });
    }
}
