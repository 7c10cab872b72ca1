package dev.animerec.crawler.userlist;

import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import java.time.Instant;
import java.util.List;

/**
 * Fetches a user's whole public anime list. Free of web-server code so the serving app can fetch an
 * unknown user's list on demand.
 */
public interface UserListClient {

    List<AnimeListEntryItem> fetch(String username, Instant crawlDate)
            throws FetchException, ParseException, InterruptedException;
}
