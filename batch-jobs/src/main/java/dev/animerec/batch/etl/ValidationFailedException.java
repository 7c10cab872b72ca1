package dev.animerec.batch.etl;

import java.util.List;
import java.util.stream.Collectors;

/** One or more validation gates failed: nothing is published. */
public class ValidationFailedException extends RuntimeException {

    private final List<CheckResult> failures;

    public ValidationFailedException(List<CheckResult> failures) {
        super("validation failed, nothing published: " + failures.stream()
                .map(failure -> failure.check().name() + " (" + failure.violations() + " violations, e.g. "
                        + failure.sample() + ")")
                .collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
    }

    public List<CheckResult> failures() {
        return failures;
    }
}
