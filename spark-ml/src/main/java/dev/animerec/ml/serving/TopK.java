package dev.animerec.ml.serving;

import java.util.Arrays;

/** Indices of the k largest scores (ties broken by the smaller index), skipping excluded items. */
public final class TopK {

    private TopK() {
    }

    public static int[] select(double[] scores, boolean[] excluded, int k, double minimumExclusive) {
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((excluded != null && excluded[i]) || !(scores[i] > minimumExclusive)) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = heap[i];
        }
        Arrays.sort(boxed, (a, b) -> better(a, b, scores) ? -1 : better(b, a, scores) ? 1 : 0);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The full-catalogue rank of each of {@code items}: how many non-excluded items score better (ties: the smaller
     * index is better). One pass over the scores with a binary search into the sorted {@code items}, instead of a
     * pass per item (ranking the ~150 candidates outside a user's ALS top 300 that way was a fifth of a fold-in).
     */
    public static int[] ranks(double[] scores, boolean[] excluded, int[] items) {
        int m = items.length;
        // positions of items, best item first
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> better(items[a], items[b], scores) ? -1 : better(items[b], items[a], scores) ? 1 : 0);
        // beats[p]: how many items are better than the p-th best of items but not than the (p-1)-th (a difference array)
        int[] beats = new int[m + 1];
        double worst = m == 0 ? Double.POSITIVE_INFINITY : scores[items[order[m - 1]]];
        for (int j = 0; j < scores.length; j++) {
            if ((excluded != null && excluded[j]) || scores[j] < worst) {
                continue;
            }
            // the first position whose item j is better than
            int low = 0;
            int high = m;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (better(j, items[order[mid]], scores)) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            beats[low]++;
        }
        int[] ranks = new int[m];
        int running = 0;
        for (int p = 0; p < m; p++) {
            running += beats[p];
            ranks[order[p]] = running;
        }
        return ranks;
    }

    private static boolean better(int a, int b, double[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int index, double[] scores) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (better(heap[parent], heap[index], scores)) {
                swap(heap, parent, index);
                index = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] heap, int size, double[] scores) {
        int index = 0;
        while (true) {
            int worst = index;
            int left = 2 * index + 1;
            int right = left + 1;
            if (left < size && better(heap[worst], heap[left], scores)) {
                worst = left;
            }
            if (right < size && better(heap[worst], heap[right], scores)) {
                worst = right;
            }
            if (worst == index) {
                return;
            }
            swap(heap, worst, index);
            index = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
