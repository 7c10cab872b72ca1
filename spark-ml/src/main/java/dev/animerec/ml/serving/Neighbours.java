package dev.animerec.ml.serving;

import java.io.Serializable;

/** Item-to-item neighbours by dense item index: {@code items[i]} sorted by descending {@code scores[i]}. */
public record Neighbours(int[][] items, float[][] scores) implements Serializable {
}
