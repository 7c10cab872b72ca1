package dev.animerec.ui.view;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.animerec.ui.feedback.EventType;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.ui.recommend.RecommendationPage;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.BiConsumer;

/** One anime: cover, title linking to MAL, type, genres, MAL score, feedback buttons and the "why" panel. */
public class AnimeCardView extends Div {

    private final AnimeCard anime;
    private final Div why;

    public AnimeCardView(RecommendationPage.Recommendation recommendation, BiConsumer<AnimeCard, EventType> feedback) {
        this.anime = recommendation.anime();
        addClassName("ar-card");
        setId("card-" + anime.id());

        Anchor cover = new Anchor(anime.url(), "");
        cover.setTarget(AnchorTarget.BLANK);
        cover.addClassName("ar-cover");
        // The title stands in for a cover MAL's CDN does not deliver (offline, blocked, removed).
        Div fallback = new Div(new Span(anime.title()));
        fallback.addClassName("ar-cover-fallback");
        cover.add(fallback);
        if (anime.picture() != null && !anime.picture().isBlank()) {
            Image image = new Image(anime.picture(), anime.title());
            image.getElement().setAttribute("loading", "lazy");
            image.getElement().setAttribute("onerror", "this.style.display='none'");
            cover.add(image);
        }
        if (anime.score() != null) {
            Span score = new Span("★ " + String.format(Locale.ROOT, "%.2f", anime.score()));
            score.addClassName("ar-score");
            cover.add(score);
        }
        cover.getElement().addEventListener("click", event -> feedback.accept(anime, EventType.OPENED_ON_MAL));

        Anchor title = new Anchor(anime.url(), anime.title());
        title.setTarget(AnchorTarget.BLANK);
        title.addClassName("ar-title");
        title.getElement().setAttribute("title", "Open on MyAnimeList");
        title.getElement().addEventListener("click", event -> feedback.accept(anime, EventType.OPENED_ON_MAL));

        Div meta = new Div();
        meta.addClassName("ar-meta");
        meta.setText(meta());

        Div genres = new Div();
        genres.addClassName("ar-genres");
        anime.genres().stream().limit(3).forEach(genre -> {
            Span chip = new Span(genre);
            chip.addClassName("ar-chip");
            genres.add(chip);
        });

        why = new Div();
        why.addClassName("ar-why");
        why.setId("why-panel-" + anime.id());
        UnorderedList reasons = new UnorderedList();
        recommendation.reasons().forEach(reason -> reasons.add(new ListItem(capitalise(reason))));
        why.add(reasons);

        Button like = iconButton(VaadinIcon.THUMBS_UP, "Like", "like-" + anime.id(), () -> feedback.accept(anime, EventType.LIKE));
        if ("like".equals(recommendation.feedback())) {
            like.addClassName("ar-liked");
        }
        Button dislike = iconButton(VaadinIcon.THUMBS_DOWN, "Dislike", "dislike-" + anime.id(),
                () -> feedback.accept(anime, EventType.DISLIKE));
        Button notInterested = iconButton(VaadinIcon.BAN, "Not interested", "not-interested-" + anime.id(),
                () -> feedback.accept(anime, EventType.NOT_INTERESTED));
        // Toggled by a class rather than server-side visibility, so the panel's text is in the page from the start.
        Button explain = new Button("Why?", event -> why.setClassName("ar-why-open", !why.hasClassName("ar-why-open")));
        explain.setId("why-" + anime.id());
        explain.addClassName("ar-why-button");
        Div actions = new Div(like, dislike, notInterested, explain);
        actions.addClassName("ar-actions");

        Div body = new Div(title, meta, genres, actions, why);
        if (anime.sequelOrderInferred()) {
            // The snapshot carries no crawled relations: say where this card's "later season" status comes from.
            Div inferred = new Div();
            inferred.addClassNames("ar-meta", "ar-inferred");
            inferred.setId("inferred-" + anime.id());
            inferred.setText("A later season: inferred from titles and air dates");
            body.addComponentAtIndex(3, inferred);
        }
        body.addClassName("ar-body");
        add(cover, body);
    }

    public AnimeCard anime() {
        return anime;
    }

    private String meta() {
        StringBuilder text = new StringBuilder(anime.type() != null ? anime.type() : "?");
        if (anime.episodes() != null && anime.episodes() > 0) {
            text.append(" · ").append(anime.episodes()).append(anime.episodes() == 1 ? " ep" : " eps");
        }
        if (anime.year() != null) {
            text.append(" · ").append(anime.year());
        }
        if (anime.members() != null) {
            text.append(" · ").append(NumberFormat.getCompactNumberInstance(Locale.ENGLISH, NumberFormat.Style.SHORT)
                    .format(anime.members())).append(" members");
        }
        return text.toString();
    }

    private static Button iconButton(VaadinIcon icon, String label, String id, Runnable action) {
        Button button = new Button(icon.create(), event -> action.run());
        button.setId(id);
        button.getElement().setAttribute("title", label);
        button.getElement().setAttribute("aria-label", label);
        button.addClassName("ar-icon-button");
        return button;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
