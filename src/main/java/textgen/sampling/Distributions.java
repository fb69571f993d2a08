package textgen.sampling;

/** Small, allocation-light helpers for discrete probability distributions held in {@code double[]}. */
public final class Distributions {

    private static final double LN2 = Math.log(2);

    private Distributions() {
    }

    /** Index of the largest entry; the first one on ties. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    public static double[] oneHot(int size, int index) {
        double[] result = new double[size];
        result[index] = 1;
        return result;
    }

    /** Shannon entropy in nats; terms with p = 0 contribute 0. */
    public static double entropyNats(double[] probabilities) {
        double h = 0;
        for (double p : probabilities) {
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return Math.max(0, h);
    }

    /** Shannon entropy in bits. */
    public static double entropyBits(double[] probabilities) {
        return entropyNats(probabilities) / LN2;
    }

    /** Perplexity, {@code exp(entropy)}: the effective number of equally likely choices. */
    public static double perplexity(double[] probabilities) {
        return Math.exp(entropyNats(probabilities));
    }

    public static double natsToBits(double nats) {
        return nats / LN2;
    }

    /** Returns a copy scaled to sum to 1. */
    public static double[] normalize(double[] weights) {
        requireDistribution(weights);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] result = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            result[i] = weights[i] / sum;
        }
        return result;
    }

    /** Converts float network output to a double distribution, renormalised to absorb float rounding. */
    public static double[] fromFloats(float[] probabilities) {
        double[] result = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            result[i] = probabilities[i];
        }
        return normalize(result);
    }

    /**
     * Indices of the entries sorted by descending value; ties keep index order, so the
     * result is deterministic.
     */
    public static int[] rankDescending(double[] values) {
        return java.util.stream.IntStream.range(0, values.length)
                .boxed()
                .sorted((a, b) -> {
                    int byValue = Double.compare(values[b], values[a]);
                    return byValue != 0 ? byValue : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Throws unless every entry is finite and non-negative and at least one is positive. */
    public static void requireDistribution(double[] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("A distribution needs at least one entry.");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("A distribution's entries must be finite and non-negative, found " + w + ".");
            }
            sum += w;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("A distribution must have positive, finite total mass, found " + sum + ".");
        }
    }
}
