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
