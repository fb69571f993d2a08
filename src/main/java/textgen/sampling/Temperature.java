package textgen.sampling;

/**
 * Softmax-temperature reweighting of a probability distribution:
 * {@code p_T(i) = exp(log p(i) / T) / sum_j exp(log p(j) / T)}.
 *
 * <p>Computed in log space with the maximum subtracted first, so probabilities of 0 stay 0,
 * nothing overflows, and no NaN or infinity appears however small T gets. At or below
 * {@link #GREEDY_BELOW} the result is the one-hot limit at the argmax.
 */
public final class Temperature {

    /** Temperatures at or below this are treated as the T -> 0 limit (greedy). */
    public static final double GREEDY_BELOW = 1e-6;

    private Temperature() {
    }

    /**
     * Reweights {@code probabilities} at temperature {@code t}.
     *
     * @param probabilities a distribution: non-negative, finite, not all zero (need not sum to 1 exactly)
     * @param t the temperature, finite and {@code >= 0}; 0 means greedy
     * @return a new normalised distribution
     * @throws IllegalArgumentException if {@code t} is negative or not finite, or the distribution is invalid
     */
    public static double[] reweight(double[] probabilities, double t) {
        requireValidTemperature(t);
        Distributions.requireDistribution(probabilities);
        if (t <= GREEDY_BELOW) {
            return Distributions.oneHot(probabilities.length, Distributions.argmax(probabilities));
        }
        double maxLog = Math.log(probabilities[Distributions.argmax(probabilities)]);
        double[] result = new double[probabilities.length];
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            // exp(-inf) would be 0 anyway; skipping keeps 0/0 out of the arithmetic.
            double w = p > 0 ? Math.exp((Math.log(p) - maxLog) / t) : 0;
            result[i] = w;
            sum += w;
        }
        // sum >= 1 because the argmax term is exp(0) = 1.
        for (int i = 0; i < result.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    /** Rejects temperatures that have no meaning: negative, NaN or infinite. */
    public static void requireValidTemperature(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException(
                    "Temperature must be a number of 0 or more (0 means always take the likeliest), but was " + t + ".");
        }
    }
}
