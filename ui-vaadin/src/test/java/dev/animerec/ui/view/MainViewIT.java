package dev.animerec.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.animerec.ui.ServingIT;
import dev.animerec.ui.recommend.RecommendationService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.animerec.ui.viewer.ViewerIds;

/** Server-side view tests (Karibu-Testing) of the main view against the real services of the running app. */
class MainViewIT extends ServingIT {

    @Autowired
    RecommendationService service;
    @Autowired
    ViewerIds viewers;

    @BeforeEach
    void ui() {
        MockVaadin.setup(new Routes(), UI::new);
        UI.getCurrent().add(new MainView(service, viewers));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private void lookUp(String username) {
        _setValue(_get(TextField.class, spec -> spec.withId("username")), username);
        _click(_get(Button.class, spec -> spec.withId("lookup")));
    }

    private static List<Integer> picks() {
        return _find(_get(Div.class, spec -> spec.withId("picks")), AnimeCardView.class).stream()
                .map(card -> card.anime().id()).toList();
    }

    @Test
    void lookUpShowsFivePicksTheLaneAndAnExplanationPerCard() {
        lookUp("alice");

        assertThat(picks()).hasSize(5);
        assertThat(_get(H2.class, spec -> spec.withId("lane-title")).getText())
                .isEqualTo("Because you watched Anime 1");
        assertThat(_find(_get(Div.class, spec -> spec.withId("lane")), AnimeCardView.class)).hasSize(5);

        int first = picks().get(0);
        Div why = _get(Div.class, spec -> spec.withId("why-panel-" + first));
        assertThat(why.getClassNames()).doesNotContain("ar-why-open");
        _click(_get(Button.class, spec -> spec.withId("why-" + first)));
        assertThat(why.getClassNames()).contains("ar-why-open");
        assertThat(why.getElement().getTextRecursively()).contains("Because you watched Anime 1 (you scored 9)")
                .contains("Lifted by: genres you watch");

        // 17 follows 14, which alice completed; the lane offers it unless this draw shows it in another lane already.
        List<Integer> shown = new java.util.ArrayList<>(picks());
        _find(_get(Div.class, spec -> spec.withId("lane")), AnimeCardView.class).forEach(card -> shown.add(card.anime().id()));
        if (shown.contains(17)) {
            assertThat(_find(H2.class, spec -> spec.withId("next-seasons-title"))).isEmpty();
        } else {
            assertThat(_get(H2.class, spec -> spec.withId("next-seasons-title")).getText())
                    .isEqualTo("Next seasons of shows you finished");
            assertThat(_find(_get(Div.class, spec -> spec.withId("next-seasons")), AnimeCardView.class))
                    .extracting(card -> card.anime().id()).containsExactly(17);
        }
    }

    /** Two browsers (two views, each its own viewer id) looking at the same user. */
    @Test
    void notInterestedInOneBrowserLeavesAnotherBrowsersPicksAlone() {
        lookUp("alice");
        int gone = picks().get(0);
        _click(_get(Button.class, spec -> spec.withId("not-interested-" + gone)));
        assertThat(picks()).doesNotContain(gone);

        UI.getCurrent().removeAll();
        UI.getCurrent().add(new MainView(service, viewers));
        Set<Integer> seen = new HashSet<>();
        lookUp("alice");
        for (int i = 0; i < 20 && !seen.contains(gone); i++) {
            seen.addAll(picks());
            _click(_get(Button.class, spec -> spec.withId("reroll")));
        }
        assertThat(seen).as("the other viewer still gets anime %d drawn", gone).contains(gone);
    }

    @Test
    void rerollDrawsOtherCardsAndNotInterestedMakesOneGoForGood() {
        lookUp("Littoface");
        List<Integer> before = picks();
        assertThat(before).hasSize(5);
        Set<List<Integer>> draws = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            _click(_get(Button.class, spec -> spec.withId("reroll")));
            draws.add(picks());
        }
        assertThat(draws).hasSizeGreaterThan(1);

        int gone = picks().get(0);
        _click(_get(Button.class, spec -> spec.withId("not-interested-" + gone)));
        assertThat(picks()).hasSize(5).doesNotContain(gone);
        for (int i = 0; i < 10; i++) {
            _click(_get(Button.class, spec -> spec.withId("reroll")));
            assertThat(picks()).doesNotContain(gone);
        }

        int liked = picks().get(1);
        _click(_get(Button.class, spec -> spec.withId("like-" + liked)));
        assertThat(_get(Button.class, spec -> spec.withId("like-" + liked)).getClassNames()).contains("ar-liked");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTypeFilterKeepsOnlyThatType() {
        lookUp("alice");
        CheckboxGroup<String> types = _get(CheckboxGroup.class, spec -> spec.withId("include-types"));
        _setValue(types, Set.of("Movie"));
        _click(_get(Button.class, spec -> spec.withId("apply-filters")));

        List<AnimeCardView> cards = _find(_get(Div.class, spec -> spec.withId("picks")), AnimeCardView.class);
        assertThat(cards).isNotEmpty().allMatch(card -> card.anime().type().equals("Movie"));
    }

    @Test
    void anInvalidUsernameGetsAMessage() {
        lookUp("<b>");
        Paragraph message = _get(Paragraph.class, spec -> spec.withId("message"));
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("2 to 16 letters");
    }
}
