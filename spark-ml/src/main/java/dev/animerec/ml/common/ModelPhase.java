package dev.animerec.ml.common;

import dev.animerec.ml.prepare.PrepareStep;
import java.util.List;

/**
 * Select, then refit. The selection phase fits retrieval without the hidden entries of held-out users, so the
 * ranker can learn from them; the evaluation phase fits it on everyone's whole list except the test users' hidden
 * entries, so the test users are scored the way the served model treats a new user (everyone else's full lists,
 * their own visible list) and the yardstick EASE is fitted on exactly the same rows; the refit fits it on every
 * user's whole list, and only the refit is used by inference, anime-to-anime, publish and {@code recommend}.
 * Publishing the selection phase would treat a fifth of the held-out users' liked anime as unseen and recommend
 * them back.
 */
public enum ModelPhase {

    SELECTION("selection", List.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_VISIBLE, PrepareStep.TEST_VISIBLE)),
    EVALUATION("evaluation", List.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_VISIBLE,
            PrepareStep.VALIDATION_HIDDEN, PrepareStep.TEST_VISIBLE)),
    REFIT("serving", List.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_VISIBLE, PrepareStep.VALIDATION_HIDDEN,
            PrepareStep.TEST_VISIBLE, PrepareStep.TEST_HIDDEN));

    private final String directory;
    private final List<String> trainingParts;

    ModelPhase(String directory, List<String> trainingParts) {
        this.directory = directory;
        this.trainingParts = trainingParts;
    }

    /** The parts of {@code work/interactions.parquet} retrieval is fitted on. */
    public List<String> trainingParts() {
        return trainingParts;
    }

    /** The phase's serving artefacts (catalogue, factors, neighbours, EASE, GBT): {@code serving/} is the refit. */
    public String artefactDir(MlContext context) {
        return context.modelDir() + "/" + directory;
    }

    public String userFactors(MlContext context) {
        return context.work(name().toLowerCase(java.util.Locale.ROOT) + "_user_factors.parquet");
    }
}
