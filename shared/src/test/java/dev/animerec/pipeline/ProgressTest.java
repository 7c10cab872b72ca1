package dev.animerec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void lineRoundTrips() {
        String line = Progress.line("read rows", 1234, -1, "rows");
        assertThat(line).isEqualTo("@@progress read_rows 1234 -1 rows");
        assertThat(Progress.parse("2026-11-26 INFO " + line))
                .isEqualTo(new Progress.Report("read_rows", 1234, -1, "rows"));
    }

    @Test
    void ordinaryLogLinesAreNotProgress() {
        assertThat(Progress.parse("read 12 rows")).isNull();
        assertThat(Progress.parse("@@progress x y z w")).isNull();
        assertThat(Progress.parse("@@progress too few")).isNull();
    }
}
