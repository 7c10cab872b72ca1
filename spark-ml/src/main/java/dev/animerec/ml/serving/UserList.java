package dev.animerec.ml.serving;

/**
 * One user's list in dense item indices: the ALS rating of each entry and the user's own score (0 = unscored).
 * Entries whose anime the model does not know are dropped by {@link ServingModel#userList} and counted there.
 */
public record UserList(String username, int[] items, double[] ratings, int[] scores) {
}
