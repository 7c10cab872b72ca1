package dev.animerec.ml.common;

import java.io.Serializable;

/** Every knob of the pipeline with its default; the CLI overrides them with {@code --name value}. */
public record MlSettings(
        long seed,
        int validationPercent,
        int testPercent,
        int testFold,
        double hiddenFraction,
        int minRelevant,
        int alsRank,
        int alsIterations,
        double alsRegParam,
        double alsAlpha,
        int alsBlocks,
        boolean negativeFeedback,
        int coOccurrenceCap,
        int neighbours,
        int gbtTrees,
        int gbtDepth,
        double gbtStep,
        int easeItems,
        double easeLambda) implements Serializable {

    /**
     * The same settings with the test users drawn from fold {@code fold} of the {@code 100 / testPercent} user folds
     * (cross-validation: every eligible user is a test user in exactly one fold).
     */
    public MlSettings withTestFold(int fold) {
        return new MlSettings(seed, validationPercent, testPercent, fold, hiddenFraction, minRelevant, alsRank,
                alsIterations, alsRegParam, alsAlpha, alsBlocks, negativeFeedback, coOccurrenceCap, neighbours, gbtTrees,
                gbtDepth, gbtStep, easeItems, easeLambda);
    }

    public static MlSettings defaults() {
        return new MlSettings(42L, 80, 20, 0, 0.2, 10, 64, 10, 1.0, 10.0, 2, true, 150, 50, 50, 5, 0.1, 2000, 200.0);
    }
}
