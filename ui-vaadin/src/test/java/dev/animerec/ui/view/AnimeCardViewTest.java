package dev.animerec.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.ui.recommend.RecommendationPage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A card says when its place after an earlier season was inferred from titles and air dates (issue 21). */
class AnimeCardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AnimeCard card(String json) throws Exception {
        return JSON.readValue(json, AnimeCard.class);
    }

    private static Optional<Component> find(Component root, String id) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(child -> find(child, id).stream()))
                .filter(component -> component.getId().filter(id::equals).isPresent()).findFirst();
    }

    private static AnimeCardView view(AnimeCard card) {
        return new AnimeCardView(new RecommendationPage.Recommendation(card, 1, 0.5,
                List.of("the next season of Haikyuu!! Second Season, which you completed"), null), (anime, event) -> { });
    }

    @Test
    void anInferredPrequelIsSaidOnTheCard() throws Exception {
        AnimeCard season3 = card("{\"id\":32935,\"title\":\"Haikyuu!!: Karasuno Koukou vs. Shiratorizawa Gakuen Koukou\","
                + "\"type\":\"TV\",\"url\":\"https://myanimelist.net/anime/32935\",\"prequels\":[28891],"
                + "\"inferred_prequels\":[28891]}");
        assertThat(season3.sequelOrderInferred()).isTrue();
        assertThat(find(view(season3), "inferred-32935")).get()
                .extracting(component -> ((HasText) component).getText())
                .isEqualTo("A later season: inferred from titles and air dates");
    }

    @Test
    void aCrawledPrequelOrACardFromBeforeTheLabelSaysNothing() throws Exception {
        AnimeCard crawled = card("{\"id\":12,\"title\":\"Anime 12\",\"url\":\"https://myanimelist.net/anime/12\","
                + "\"prequels\":[1],\"inferred_prequels\":[]}");
        AnimeCard older = card("{\"id\":13,\"title\":\"Anime 13\",\"url\":\"https://myanimelist.net/anime/13\","
                + "\"prequels\":[1]}");
        assertThat(crawled.sequelOrderInferred()).isFalse();
        assertThat(older.sequelOrderInferred()).isFalse();
        assertThat(find(view(crawled), "inferred-12")).isEmpty();
        assertThat(find(view(older), "inferred-13")).isEmpty();
        assertThat(find(view(older), "why-panel-13")).as("the card itself is built").isPresent();
    }
}
