package dev.animerec.vertex.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void definitionPlaceholdersBecomeKfpInputs() {
        assertThat(Placeholders.toKfp("{models_uri}/models/{model_version}"))
                .isEqualTo("{{$.inputs.parameters['models_uri']}}/models/{{$.inputs.parameters['model_version']}}");
        assertThat(Placeholders.toKfp("--home={home}")).isEqualTo("--home={{$.inputs.parameters['home']}}");
    }

    @Test
    void textWithoutDefinitionPlaceholdersIsLeftAlone() {
        String kfp = "{{$.inputs.parameters['project']}}";
        assertThat(Placeholders.toKfp(kfp)).isEqualTo(kfp);
        assertThat(Placeholders.toKfp("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
        assertThat(Placeholders.toKfp("--kind")).isEqualTo("--kind");
    }

    @Test
    void namesAreFoundInOrderOfFirstUse() {
        assertThat(Placeholders.definitionNames(List.of("--home", "{models_uri}", "{model_version}", "{models_uri}/x")))
                .containsExactly("models_uri", "model_version");
        assertThat(Placeholders.kfpInputNames("a {{$.inputs.parameters['b']}} {{$.outputs.parameters['c'].output_file}}"))
                .containsExactly("b");
    }
}
