package dev.animerec.ui.view;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.animerec.ui.feedback.EventType;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.ui.published.NotPublishedException;
import dev.animerec.ui.recommend.BadRequestException;
import dev.animerec.ui.recommend.Filters;
import dev.animerec.ui.recommend.NotFoundException;
import dev.animerec.ui.recommend.RecommendationPage;
import dev.animerec.ui.recommend.RecommendationRequest;
import dev.animerec.ui.recommend.RecommendationService;
import dev.animerec.ui.recommend.OverloadedException;
import dev.animerec.ui.recommend.UpstreamUnavailableException;
import dev.animerec.ui.viewer.TooManyRequestsException;
import dev.animerec.ui.viewer.ViewerCookieFilter;
import dev.animerec.ui.viewer.ViewerIds;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.servlet.http.Cookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one page: username lookup, 5 picks drawn from the top 20 with reroll, the "because you watched" and "next
 * seasons of shows you finished" lanes, an explanation per card, filters, and like / dislike / not-interested that stick.
 */
@Route("")
@PageTitle("anime-rec · what to watch next")
public class MainView extends Div implements BeforeEnterObserver {

    private static final Map<String, String> AIRING = new LinkedHashMap<>();

    static {
        AIRING.put("finished", "Finished");
        AIRING.put("airing", "Airing now");
        AIRING.put("upcoming", "Upcoming");
    }

    private static final List<String> TYPES = List.of("TV", "Movie", "OVA", "ONA", "Special", "Music");

    private final RecommendationService service;

    private final TextField username = new TextField();
    private final Checkbox hideWatched = new Checkbox("Hide watched", true);
    private final Checkbox hideDropped = new Checkbox("Hide dropped", true);
    private final Checkbox hidePlanned = new Checkbox("Hide plan-to-watch", false);
    private final Checkbox noUnseenSequels = new Checkbox("No sequels of seasons I haven't seen", true);
    private final MultiSelectComboBox<String> includeGenres = new MultiSelectComboBox<>("Only these genres");
    private final MultiSelectComboBox<String> excludeGenres = new MultiSelectComboBox<>("Never these genres");
    private final CheckboxGroup<String> includeTypes = new CheckboxGroup<>("Types");
    private final CheckboxGroup<String> airing = new CheckboxGroup<>("Airing status");
    private final NumberField minScore = new NumberField("Min MAL score");
    private final IntegerField minMembers = new IntegerField("Min members");

    private final Paragraph message = new Paragraph();
    private final Div results = new Div();
    private String currentUser;
    private long seed;
    /** Whose feedback this page shows and records: the browser's signed viewer id (cookie). */
    private final String viewer;

    public MainView(RecommendationService service, ViewerIds viewers) {
        this.service = service;
        this.viewer = viewerOf(viewers);
        addClassName("ar-page");

        H1 brand = new H1("anime·rec");
        brand.addClassName("ar-brand");
        Span tagline = new Span("What to watch next, from your MyAnimeList");
        tagline.addClassName("ar-tagline");
        Div header = new Div(brand, tagline);
        header.addClassName("ar-header");

        username.setId("username");
        username.setPlaceholder("Your MyAnimeList username");
        username.setAriaLabel("MyAnimeList username");
        username.setClearButtonVisible(true);
        username.setValueChangeMode(ValueChangeMode.EAGER);
        username.addClassName("ar-username");
        username.addKeyPressListener(Key.ENTER, event -> lookUp());
        Button lookup = new Button("Recommend", event -> lookUp());
        lookup.setId("lookup");
        lookup.addClassName("ar-primary");
        FlexLayout search = new FlexLayout(username, lookup);
        search.addClassName("ar-search");

        message.setId("message");
        message.addClassName("ar-message");
        message.setVisible(false);
        results.setId("results");

        add(header, search, filters(), message, results);
    }

    /**
     * The viewer id the cookie filter found or issued for this request; without the filter in front (server-side
     * tests) the view is a viewer of its own.
     */
    private static String viewerOf(ViewerIds viewers) {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getAttribute(ViewerCookieFilter.ATTRIBUTE) instanceof String id) {
            return id;
        }
        if (request != null && request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (ViewerIds.COOKIE.equals(cookie.getName())) {
                    var id = viewers.verify(cookie.getValue());
                    if (id.isPresent()) {
                        return id.get();
                    }
                }
            }
        }
        return viewers.verify(viewers.issue()).orElseThrow();
    }

    /** {@code /?user=NAME} opens a user's picks directly (shareable links). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> user = event.getLocation().getQueryParameters().getParameters().get("user");
        if (user != null && !user.isEmpty() && currentUser == null) {
            username.setValue(user.get(0));
            lookUp();
        }
    }

    private Details filters() {
        hideWatched.setId("hide-watched");
        hideDropped.setId("hide-dropped");
        hidePlanned.setId("hide-planned");
        noUnseenSequels.setId("no-unseen-sequels");
        includeGenres.setId("include-genres");
        excludeGenres.setId("exclude-genres");
        includeTypes.setId("include-types");
        airing.setId("airing");
        minScore.setId("min-score");
        minMembers.setId("min-members");
        List<String> genres = genreChoices();
        includeGenres.setItems(genres);
        excludeGenres.setItems(genres);
        includeTypes.setItems(TYPES);
        airing.setItems(AIRING.keySet());
        airing.setItemLabelGenerator(AIRING::get);
        minScore.setMin(0);
        minScore.setMax(10);
        minScore.setStep(0.1);
        minScore.setPlaceholder("e.g. 7.5");
        minMembers.setMin(0);
        minMembers.setStep(1000);
        minMembers.setPlaceholder("e.g. 50000");
        Button apply = new Button("Apply filters", event -> show(currentUser, seed));
        apply.setId("apply-filters");
        apply.addClassName("ar-primary");
        Div checks = new Div(hideWatched, hideDropped, hidePlanned, noUnseenSequels);
        checks.addClassName("ar-checks");
        Div fields = new Div(includeGenres, excludeGenres, minScore, minMembers);
        fields.addClassName("ar-fields");
        Div groups = new Div(includeTypes, airing);
        groups.addClassName("ar-groups");
        Details details = new Details("Filters", new Div(checks, fields, groups, apply));
        details.setId("filters");
        details.addClassName("ar-filters");
        return details;
    }

    private List<String> genreChoices() {
        try {
            return service.genres();
        } catch (NotPublishedException e) {
            return List.of();
        }
    }

    private void lookUp() {
        show(username.getValue() == null ? "" : username.getValue().trim(), ThreadLocalRandom.current().nextLong(1L << 48));
    }

    private void reroll() {
        show(currentUser, ThreadLocalRandom.current().nextLong(1L << 48));
    }

    private void show(String user, long drawSeed) {
        if (user == null || user.isEmpty()) {
            fail("Enter your MyAnimeList username first.");
            return;
        }
        RecommendationPage page;
        try {
            Filters filters = new Filters(hideWatched.getValue(), hideDropped.getValue(), hidePlanned.getValue(),
                    noUnseenSequels.getValue(), includeGenres.getValue(), excludeGenres.getValue(),
                    includeTypes.getValue(), Set.of(), minScore.getValue(),
                    minMembers.getValue() == null ? null : minMembers.getValue().longValue(), airing.getValue());
            page = service.forUser(user, new RecommendationRequest(5, 20, drawSeed, filters), "recommendations", viewer);
        } catch (BadRequestException | NotFoundException | UpstreamUnavailableException | NotPublishedException
                 | OverloadedException e) {
            fail(e.getMessage());
            return;
        }
        currentUser = user;
        seed = drawSeed;
        render(page);
    }

    private void fail(String text) {
        message.setText(text);
        message.setClassName("ar-message ar-error");
        message.setVisible(true);
        results.removeAll();
    }

    private void render(RecommendationPage page) {
        if (page.notice() != null) {
            message.setText(page.notice());
            message.setClassName("ar-message ar-info");
            message.setVisible(true);
        } else {
            message.setVisible(false);
        }
        results.removeAll();

        Button reroll = new Button("Reroll", VaadinIcon.REFRESH.create(), event -> reroll());
        reroll.setId("reroll");
        reroll.addClassName("ar-secondary");
        H2 title = new H2("Top picks for " + page.username());
        Div heading = new Div(title, reroll);
        heading.addClassName("ar-section-heading");
        Span sub = new Span(page.candidates() == 0 ? "Nothing passes these filters: loosen them a little."
                : page.recommendations().size() + " drawn from your best " + Math.min(page.from(), page.candidates())
                + " · tap Why? to see what drove each one");
        sub.addClassName("ar-sub");
        Div picks = grid("picks", page.recommendations());
        results.add(heading, sub, picks);

        RecommendationPage.Lane lane = page.becauseYouWatched();
        if (lane != null && !lane.items().isEmpty()) {
            H2 laneTitle = new H2("Because you watched " + lane.anchor().title());
            laneTitle.setId("lane-title");
            Span laneSub = new Span(lane.anchorScore() > 0 ? "You scored it " + lane.anchorScore() + "/10"
                    : "Your last completed anime");
            laneSub.addClassName("ar-sub");
            Div laneHeading = new Div(laneTitle);
            laneHeading.addClassName("ar-section-heading");
            results.add(laneHeading, laneSub, grid("lane", lane.items()));
        }
        if (!page.nextSeasons().isEmpty()) {
            H2 nextTitle = new H2("Next seasons of shows you finished");
            nextTitle.setId("next-seasons-title");
            Div nextHeading = new Div(nextTitle);
            nextHeading.addClassName("ar-section-heading");
            Span nextSub = new Span("The season after one you completed");
            nextSub.addClassName("ar-sub");
            results.add(nextHeading, nextSub, grid("next-seasons", page.nextSeasons()));
        }
    }

    private Div grid(String id, List<RecommendationPage.Recommendation> items) {
        Div grid = new Div();
        grid.setId(id);
        grid.addClassName("ar-grid");
        items.forEach(item -> grid.add(new AnimeCardView(item, this::feedback)));
        return grid;
    }

    private void feedback(AnimeCard anime, EventType type) {
        try {
            service.feedback(viewer, currentUser, anime.id(), type, "ui");
        } catch (BadRequestException | NotFoundException | TooManyRequestsException e) {
            fail(e.getMessage());
            return;
        }
        if (type != EventType.OPENED_ON_MAL) {
            // Same seed: the page stays as it was, except that a disliked or not-interested anime is gone.
            show(currentUser, seed);
        }
    }
}
