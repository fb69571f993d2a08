package textgen.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureTest {

    private static final double[] P = {0.5, 0.3, 0.2};

    @Test
    void matchesHandComputedValuesAtHalfTemperature() {
        // T = 0.5 squares the probabilities before renormalising: 0.25, 0.09, 0.04 over 0.38.
        double[] expected = {0.25 / 0.38, 0.09 / 0.38, 0.04 / 0.38};
        assertArrayEquals(expected, Temperature.reweight(P, 0.5), 1e-12);
    }

    @Test
    void matchesHandComputedValuesAtDoubleTemperature() {
        double a = Math.sqrt(0.5);
        double b = Math.sqrt(0.3);
        double c = Math.sqrt(0.2);
        double sum = a + b + c;
        assertArrayEquals(new double[] {a / sum, b / sum, c / sum}, Temperature.reweight(P, 2), 1e-12);
    }

    @Test
    void temperatureOneIsTheIdentity() {
        assertArrayEquals(P, Temperature.reweight(P, 1), 1e-12);
        double[] unnormalised = {2, 6, 2};
        assertArrayEquals(new double[] {0.2, 0.6, 0.2}, Temperature.reweight(unnormalised, 1), 1e-12);
    }

    @Test
    void approachingZeroBecomesOneHotAtTheArgmax() {
        double[] close = {0.3, 0.31, 0.39 - 1e-9, 0};
        double[] tiny = Temperature.reweight(close, 1e-4);
        assertEquals(1.0, tiny[2], 1e-12);
        assertArrayEquals(new double[] {0, 0, 1, 0}, Temperature.reweight(close, 0), 0);
        for (double t : new double[] {1e-300, 1e-9, 1e-5, 1e-3}) {
            for (double v : Temperature.reweight(close, t)) {
                assertTrue(Double.isFinite(v), "finite at T=" + t);
            }
        }
    }

    @Test
    void zeroProbabilitiesStayZeroWithoutNaN() {
        double[] withZeros = {0, 0.7, 0, 0.3};
        for (double t : new double[] {0.01, 0.5, 1, 3, 1e6}) {
            double[] r = Temperature.reweight(withZeros, t);
            assertEquals(0, r[0]);
            assertEquals(0, r[2]);
            assertEquals(1, r[1] + r[3], 1e-12);
        }
    }

    @Test
    void entropyRisesWithTemperature() {
        double[] p = {0.6, 0.25, 0.1, 0.04, 0.01};
        double previous = -1;
        for (double t = 0.05; t < 5; t *= 1.3) {
            double h = Distributions.entropyBits(Temperature.reweight(p, t));
            assertTrue(h > previous, "entropy should rise at T=" + t);
            previous = h;
        }
        // Very high temperature approaches the uniform distribution over the support.
        assertEquals(Math.log(5) / Math.log(2), Distributions.entropyBits(Temperature.reweight(p, 1e9)), 1e-6);
    }

    @Test
    void rejectsMeaninglessTemperatures() {
        for (double t : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Temperature.reweight(P, t));
            assertTrue(e.getMessage().startsWith("Temperature must be"));
        }
    }

    @Test
    void rejectsInvalidDistributions() {
        assertThrows(IllegalArgumentException.class, () -> Temperature.reweight(new double[] {0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> Temperature.reweight(new double[] {0.5, Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> Temperature.reweight(new double[] {-0.1, 1.1}, 1));
    }

    @Test
    void entropyAndPerplexityOfKnownDistributions() {
        assertEquals(2.0, Distributions.entropyBits(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
        assertEquals(4.0, Distributions.perplexity(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
        assertEquals(0.0, Distributions.entropyBits(new double[] {0, 1, 0}), 0);
        assertEquals(1.0, Distributions.perplexity(new double[] {0, 1, 0}), 1e-12);
    }
}
