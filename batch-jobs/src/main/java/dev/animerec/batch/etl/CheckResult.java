package dev.animerec.batch.etl;

import java.util.List;
import java.util.Map;

/** The outcome of one validation check: how many rows break it, and a few of them. */
public record CheckResult(ValidationCheck check, long violations, List<Map<String, Object>> sample) {

    public boolean passed() {
        return violations == 0;
    }
}
