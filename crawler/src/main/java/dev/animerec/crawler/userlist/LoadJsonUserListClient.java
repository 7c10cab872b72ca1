package dev.animerec.crawler.userlist;

import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.http.HostClient;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A user's list through MAL's {@code animelist/<user>/load.json?status=7&offset=N}, 300 entries a page. */
public final class LoadJsonUserListClient implements UserListClient {

    private final HostClient mal;
    private final LoadJsonPageParser parser = new LoadJsonPageParser();

    public LoadJsonUserListClient(HostClient mal) {
        this.mal = mal;
    }

    @Override
    public List<AnimeListEntryItem> fetch(String username, Instant crawlDate)
            throws FetchException, ParseException, InterruptedException {
        List<AnimeListEntryItem> entries = new ArrayList<>();
        for (int offset = 0; ; offset += LoadJsonPageParser.PAGE_SIZE) {
            String url = mal.settings().baseUrl() + "/animelist/" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "/load.json?status=7&offset=" + offset;
            List<AnimeListEntryItem> page = parser.parse(mal.get(url), url, username, crawlDate);
            entries.addAll(page);
            if (page.size() < LoadJsonPageParser.PAGE_SIZE) {
                return entries;
            }
        }
    }
}
