package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.schedule.MalUrl;
import java.util.Set;

/** MAL's {@code /users.php}: the recently active members, used to seed the profile schedule. */
public final class UsersPageParser {

    static final String KIND = "mal users page";

    public Set<MalUrl> parse(String html, String url) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            var content = page.doc.selectFirst("#content");
            if (content == null) {
                throw page.missing("content");
            }
            return MalPage.links(content.select("a[href*=/profile/]"));
        });
    }
}
