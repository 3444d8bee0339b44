package org.pekkolab.imagepipeline.filters;

/**
 * The one border rule of every 3x3 filter (docs/reference.md, Filters): reflect without repeating the edge.
 * Index -1 reads 1, index n reads n - 2, and a dimension of length 1 reads index 0 for every index.
 * Filters call this only per row and for the first and last column, never in their interior loops.
 */
final class Reflect101 {

    private Reflect101() {
    }

    /** Maps {@code i} in {@code [-1, n]} to a valid index in {@code [0, n)}. */
    static int index(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        if (i >= n) {
            return 2 * n - 2 - i;
        }
        return i;
    }
}
