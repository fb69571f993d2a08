package textgen.sampling;

import java.util.random.RandomGenerator;

/**
 * How the next symbol is chosen from the network's distribution: reweight by temperature,
 * optionally keep only the top k symbols and/or the smallest set whose mass reaches p
 * (the nucleus), renormalise, then draw.
 *
 * <p>Greedy decoding is temperature 0; pure sampling is temperature 1 with no truncation.
 *
 * @param temperature softmax temperature, {@code >= 0}; 0 picks the likeliest symbol
 * @param topK keep this many likeliest symbols; 0 keeps all
 * @param topP keep the smallest set of likeliest symbols whose mass reaches this, in [0, 1]; 1 keeps all
 */
public record Sampler(double temperature, int topK, double topP) {

    public Sampler {
        Temperature.requireValidTemperature(temperature);
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (off) or a positive count, but was " + topK + ".");
        }
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must lie between 0 and 1, but was " + topP + ".");
        }
    }

    /** Pure sampling from the network's own distribution. */
    public static Sampler multinomial() {
        return new Sampler(1, 0, 1);
    }

    /** Always the likeliest symbol. */
    public static Sampler greedy() {
        return new Sampler(0, 0, 1);
    }

    public static Sampler withTemperature(double t) {
        return new Sampler(t, 0, 1);
    }

    public Sampler topK(int k) {
        return new Sampler(temperature, k, topP);
    }

    public Sampler topP(double p) {
        return new Sampler(temperature, topK, p);
    }

    /** The distribution this sampler actually draws from: reweighted, truncated and renormalised. */
    public double[] distribution(double[] probabilities) {
        double[] reweighted = Temperature.reweight(probabilities, temperature);
        if (topK == 0 && topP >= 1) {
            return reweighted;
        }
        int[] ranked = Distributions.rankDescending(reweighted);
        int keep = reweighted.length;
        if (topK > 0) {
            keep = Math.min(keep, topK);
        }
        if (topP < 1) {
            keep = Math.min(keep, nucleusSize(reweighted, ranked, topP));
        }
        double[] truncated = new double[reweighted.length];
        for (int r = 0; r < keep; r++) {
            truncated[ranked[r]] = reweighted[ranked[r]];
        }
        return Distributions.normalize(truncated);
    }

    /** Draws one index. */
    public int sample(double[] probabilities, RandomGenerator rng) {
        return Multinomial.draw(distribution(probabilities), rng);
    }

    /** The smallest number of top-ranked entries whose mass reaches {@code p}; at least 1. */
    static int nucleusSize(double[] probabilities, int[] ranked, double p) {
        double mass = 0;
        for (int r = 0; r < ranked.length; r++) {
            mass += probabilities[ranked[r]];
            // A little slack so that a nucleus that reaches p exactly is not extended by rounding.
            if (mass >= p - 1e-12) {
                return r + 1;
            }
        }
        return ranked.length;
    }

    /** A short human-readable label, e.g. "T=0.50, top-k 10". */
    public String describe() {
        StringBuilder sb = new StringBuilder(temperature == 0 ? "greedy" : String.format(java.util.Locale.ROOT, "T=%.2f", temperature));
        if (topK > 0) {
            sb.append(", top-k ").append(topK);
        }
        if (topP < 1) {
            sb.append(String.format(java.util.Locale.ROOT, ", top-p %.2f", topP));
        }
        return sb.toString();
    }
}
