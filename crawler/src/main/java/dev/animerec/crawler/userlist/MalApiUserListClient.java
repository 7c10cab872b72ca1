package dev.animerec.crawler.userlist;

import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.http.HostClient;
import dev.animerec.crawler.malapi.MalApiUserListPageParser;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A user's list through MAL API v2 ({@code X-MAL-CLIENT-ID}), following {@code paging.next}. */
public final class MalApiUserListClient implements UserListClient {

    private final HostClient malApi;
    private final MalApiUserListPageParser parser = new MalApiUserListPageParser();

    public MalApiUserListClient(HostClient malApi) {
        this.malApi = malApi;
    }

    @Override
    public List<AnimeListEntryItem> fetch(String username, Instant crawlDate)
            throws FetchException, ParseException, InterruptedException {
        List<AnimeListEntryItem> entries = new ArrayList<>();
        String url = malApi.settings().baseUrl() + "/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "/animelist?fields=list_status&limit=1000&nsfw=true";
        while (url != null) {
            MalApiUserListPageParser.ListPage page = parser.parse(malApi.get(url), url, username, crawlDate);
            entries.addAll(page.entries());
            url = page.nextPageUrl();
        }
        return entries;
    }
}
