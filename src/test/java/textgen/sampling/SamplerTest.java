package textgen.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final double[] P = {0.1, 0.4, 0.05, 0.3, 0.15};

    /** Pearson's chi-square statistic of observed counts against expected probabilities. */
    private static double chiSquare(int[] counts, double[] expected, int n) {
        double chi = 0;
        for (int i = 0; i < counts.length; i++) {
            if (expected[i] > 0) {
                double e = expected[i] * n;
                chi += (counts[i] - e) * (counts[i] - e) / e;
            } else {
                assertEquals(0, counts[i], "drew an index of probability 0");
            }
        }
        return chi;
    }

    private static int[] draw(Sampler sampler, double[] p, int n, RandomGenerator rng) {
        int[] counts = new int[p.length];
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(p, rng)]++;
        }
        return counts;
    }

    @Test
    void multinomialDrawsFollowTheDistribution() {
        int n = 200_000;
        int[] counts = draw(Sampler.multinomial(), P, n, Rng.seeded(7));
        // 4 degrees of freedom: the 99.9% critical value is 18.47.
        assertTrue(chiSquare(counts, P, n) < 18.47, "chi-square too large");
    }

    @Test
    void temperatureDrawsFollowTheReweightedDistribution() {
        int n = 200_000;
        double[] expected = Temperature.reweight(P, 0.5);
        int[] counts = draw(Sampler.withTemperature(0.5), P, n, Rng.seeded(8));
        assertTrue(chiSquare(counts, expected, n) < 18.47, "chi-square too large");
    }

    @Test
    void chiSquareDetectsAWrongDistribution() {
        // The check above can fail: draws from T = 1 are far from the T = 0.5 distribution.
        int n = 200_000;
        int[] counts = draw(Sampler.multinomial(), P, n, Rng.seeded(9));
        assertTrue(chiSquare(counts, Temperature.reweight(P, 0.5), n) > 1000);
    }

    @Test
    void greedyAlwaysTakesTheArgmax() {
        RandomGenerator rng = Rng.seeded(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, Sampler.greedy().sample(P, rng));
        }
    }

    @Test
    void topKKeepsTheKLikeliestRenormalised() {
        double[] d = Sampler.multinomial().topK(2).distribution(P);
        assertArrayEquals(new double[] {0, 0.4 / 0.7, 0, 0.3 / 0.7, 0}, d, 1e-12);
        assertArrayEquals(P, Sampler.multinomial().topK(50).distribution(P), 1e-12, "k beyond the vocabulary keeps all");
        assertEquals(Sampler.greedy().sample(P, Rng.seeded(3)), Sampler.multinomial().topK(1).sample(P, Rng.seeded(4)));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // Sorted: 0.4, 0.3, 0.15, 0.1, 0.05. Mass 0.7 after two, 0.85 after three.
        assertArrayEquals(new double[] {0, 0.4 / 0.7, 0, 0.3 / 0.7, 0}, Sampler.multinomial().topP(0.7).distribution(P), 1e-12);
        assertArrayEquals(new double[] {0, 0.4 / 0.85, 0, 0.3 / 0.85, 0.15 / 0.85},
                Sampler.multinomial().topP(0.71).distribution(P), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, Sampler.multinomial().topP(0).distribution(P), 1e-12);
        assertArrayEquals(P, Sampler.multinomial().topP(1).distribution(P), 1e-12);
    }

    @Test
    void topKAndTopPCombineWithTemperature() {
        double[] d = Sampler.withTemperature(0.5).topK(3).topP(0.9).distribution(P);
        double[] reweighted = Temperature.reweight(P, 0.5);
        int nonZero = 0;
        for (double v : d) {
            nonZero += v > 0 ? 1 : 0;
        }
        assertTrue(nonZero <= 3);
        assertEquals(reweighted[1] / reweighted[3], d[1] / d[3], 1e-9, "kept entries keep their ratios");
    }

    @Test
    void sameSeedGivesTheSameDraws() {
        int[] a = draw(Sampler.withTemperature(1.2), P, 500, Rng.seeded(99));
        int[] b = draw(Sampler.withTemperature(1.2), P, 500, Rng.seeded(99));
        assertArrayEquals(a, b);
    }

    @Test
    void multinomialPickFindsTheSegmentOfU() {
        double[] d = {0.2, 0, 0.5, 0.3};
        assertEquals(0, Multinomial.pick(d, 0.0));
        assertEquals(0, Multinomial.pick(d, 0.1999));
        assertEquals(2, Multinomial.pick(d, 0.2));
        assertEquals(3, Multinomial.pick(d, 0.7));
        assertEquals(3, Multinomial.pick(d, 0.9999999999999999));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(-1, 0, 1));
    }
}
