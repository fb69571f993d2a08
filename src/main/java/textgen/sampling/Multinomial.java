package textgen.sampling;

import java.util.random.RandomGenerator;

/** Drawing an index from a discrete distribution by inverting its cumulative sum. */
public final class Multinomial {

    private Multinomial() {
    }

    public static int draw(double[] distribution, RandomGenerator rng) {
        return pick(distribution, rng.nextDouble());
    }

    /**
     * The index whose cumulative segment contains {@code u} (in [0, 1)), scaled to the
     * distribution's total mass. Entries of probability 0 are never picked, even when
     * rounding pushes {@code u} past the last segment.
     */
    public static int pick(double[] distribution, double u) {
        return pick(distribution, null, u);
    }

    /**
     * As {@link #pick(double[], double)}, but laying the segments out in {@code order} (indices,
     * e.g. likeliest first, as a teaching chart draws them); null means index order.
     */
    public static int pick(double[] distribution, int[] order, double u) {
        double total = 0;
        for (double p : distribution) {
            total += p;
        }
        double target = u * total;
        double cumulative = 0;
        int lastPositive = -1;
        for (int k = 0; k < distribution.length; k++) {
            int i = order == null ? k : order[k];
            if (distribution[i] <= 0) {
                continue;
            }
            cumulative += distribution[i];
            lastPositive = i;
            if (target < cumulative) {
                return i;
            }
        }
        if (lastPositive < 0) {
            throw new IllegalArgumentException("Cannot draw from a distribution with no positive entry.");
        }
        return lastPositive;
    }
}
