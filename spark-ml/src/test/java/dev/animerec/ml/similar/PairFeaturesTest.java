package dev.animerec.ml.similar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.animerec.ml.serving.Ease;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.ItemFactors;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairFeaturesTest {

    /** 0 = season 1, 1 = season 2 (sequel of 0), 2 = season 3 (sequel of 1), 3 = another show. */
    private static ServingModel franchise() {
        int n = 4;
        ItemCatalogue catalogue = new ItemCatalogue(new int[] {10, 11, 12, 20}, new String[] {"S1", "S2", "S3", "X"},
                new double[] {100, 60, 40, 80}, new double[] {8.0, 8.2, 8.4, 7.5}, new double[] {1e5, 8e4, 6e4, 9e4},
                new int[] {2015, 2016, 2018, 2015}, new int[] {0, 0, 0, 1},
                new int[][] {{0, 1}, {0, 1}, {0}, {0, 2}}, new int[][] {{0}, {0}, {0}, {1}},
                new int[][] {{}, {0}, {1}, {}}, new int[][] {{1}, {0, 2}, {1}, {}},
                new int[][] {{}, {}, {}, {0}}, new int[][] {{}, {}, {}, {7}});
        Neighbours neighbours = new Neighbours(new int[][] {{2, 1, 3}, {0, 2}, {1, 0}, {0}},
                new float[][] {{0.9f, 0.8f, 0.3f}, {0.8f, 0.7f}, {0.7f, 0.5f}, {0.3f}});
        float[] weights = new float[n * n];
        weights[0 * n + 3] = 0.4f;
        weights[0 * n + 2] = 0.6f;
        Ease ease = new Ease(new int[] {0, 1, 2, 3}, weights);
        return new ServingModel(new Signals(true), catalogue, ItemFactors.of(1, 1.0, 1.0, new float[n]), neighbours,
                ease, null);
    }

    @Test
    void aSequelIsACandidateOnlyOfItsDirectPrequelNeverTwoSeasonsAhead() {
        PairFeatures pairs = new PairFeatures(franchise());
        int[] fromSeasonOne = pairs.candidates(0);
        Arrays.sort(fromSeasonOne);
        assertArrayEquals(new int[] {1, 3}, fromSeasonOne, "season 3 is no pick for someone who watched season 1");
        int[] fromSeasonTwo = pairs.candidates(1);
        Arrays.sort(fromSeasonTwo);
        assertArrayEquals(new int[] {0, 2}, fromSeasonTwo);
    }

    @Test
    void everySourceBringsItsCandidates() {
        ServingModel model = franchise();
        // Show X (3) is recommended by MAL users from season 2 (1) and reaches it through no other source.
        ItemCatalogue c = model.catalogue();
        ItemCatalogue recommendedOnly = new ItemCatalogue(c.animeIds(), c.titles(), c.trainPopularity(),
                c.malScore(), c.members(), c.year(), c.typeCode(), c.genres(), c.studios(), c.prequels(),
                c.related(), new int[][] {{}, {}, {}, {1}}, new int[][] {{}, {}, {}, {12}});
        PairFeatures pairs = new PairFeatures(new ServingModel(model.signals(), recommendedOnly, model.factors(),
                new Neighbours(new int[4][0], new float[4][0]), new Ease(new int[] {0, 1, 2, 3}, new float[16]),
                null));
        int[] fromSeasonTwo = pairs.candidates(1);
        Arrays.sort(fromSeasonTwo);
        // 0 is related, 2 its direct sequel, 3 recommended by MAL users; no co-occurrence or EASE weight at all.
        assertArrayEquals(new int[] {0, 2, 3}, fromSeasonTwo);
        PairFeatures easeOnly = new PairFeatures(new ServingModel(model.signals(), new ItemCatalogue(c.animeIds(),
                c.titles(), c.trainPopularity(), c.malScore(), c.members(), c.year(), c.typeCode(), c.genres(),
                c.studios(), new int[4][0], new int[4][0], new int[4][0], new int[4][0]), model.factors(),
                new Neighbours(new int[4][0], new float[4][0]), model.ease(), null));
        int[] fromEase = easeOnly.candidates(0);
        Arrays.sort(fromEase);
        assertArrayEquals(new int[] {2, 3}, fromEase, "EASE's positive weights of season 1");
    }

    @Test
    void featuresReadEverySource() {
        PairFeatures pairs = new PairFeatures(franchise());
        double[][] x = pairs.features(0, new int[] {1, 3});
        assertEquals(PairFeatures.NAMES.size(), x[0].length);
        assertEquals(0.8, x[0][0], 1e-6);
        assertEquals(Math.log1p(1), x[0][1], 1e-12);
        assertEquals(1, x[0][4]);
        assertEquals(1, x[0][5]);
        assertEquals(0, x[0][6]);
        assertEquals(0.4, x[1][2], 1e-6);
        assertEquals(Math.log1p(7), x[1][7], 1e-12);
        assertEquals(1 / 3.0, x[1][8], 1e-12);
        assertEquals(0, x[1][9]);
        assertEquals(Math.log(81 / 101.0), x[1][10], 1e-12);
        assertEquals(0, x[1][12]);
        assertEquals(0, x[1][13]);
    }
}
