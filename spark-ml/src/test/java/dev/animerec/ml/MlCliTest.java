package dev.animerec.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MlCliTest {

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> MlCli.run(new String[] {"fit"}));
        assertThrows(IllegalArgumentException.class, () -> MlCli.options(new String[] {"train", "--colour", "red"}));
        assertThrows(IllegalArgumentException.class, () -> MlCli.options(new String[] {"train", "--home"}));
        assertThrows(IllegalArgumentException.class, () -> MlCli.run(new String[] {"recommend", "--workspace", "w"}));
        assertThrows(IllegalArgumentException.class, () -> MlCli.run(new String[] {}));
    }

    @Test
    void aCommaListMayOnlyHoldPipelineSteps() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlCli.run(new String[] {"prepare,recommend"}));
        assertEquals("a comma list may only hold the steps " + MlCli.STEPS + ", not [prepare, recommend]",
                error.getMessage());
    }

    @Test
    void optionsOverrideTheDefaults() {
        Map<String, String> options = MlCli.options(new String[] {"train", "--als-rank", "16", "--negative-feedback",
                "false", "--gbt-step", "0.05"});
        assertEquals(16, MlCli.settings(options).alsRank());
        assertEquals(0.05, MlCli.settings(options).gbtStep());
        assertEquals(0.1, MlCli.settings(Map.of()).gbtStep());
        assertEquals(false, MlCli.settings(options).negativeFeedback());
        assertEquals(10, MlCli.settings(Map.of()).alsIterations());
    }
}
