package textgen.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fast activations must be as good as float arithmetic allows, everywhere an LSTM may reach. */
class LstmMathTest {

    @Test
    void tanhIsWithinAFewFloatRoundings() {
        double worst = 0;
        for (double x = -30; x <= 30; x += 1e-4) {
            double error = Math.abs(LstmMath.tanh((float) x) - Math.tanh((float) x));
            worst = Math.max(worst, error);
        }
        assertEquals(0, worst, 5e-7, "largest absolute error");
        assertEquals(1f, LstmMath.tanh(1e30f), 1e-7f);
        assertEquals(-1f, LstmMath.tanh(Float.NEGATIVE_INFINITY), 1e-7f);
        assertEquals(0f, LstmMath.tanh(0f));
    }

    @Test
    void tanhIsOddAndRelativelyExactNearZero() {
        for (float x = 1e-7f; x < 1; x *= 1.7f) {
            assertEquals(-LstmMath.tanh(x), LstmMath.tanh(-x));
            assertEquals(Math.tanh(x), LstmMath.tanh(x), 3e-7 * Math.tanh(x));
        }
    }

    @Test
    void sigmoidIsWithinAFewFloatRoundings() {
        double worst = 0;
        for (double x = -40; x <= 40; x += 1e-4) {
            double exact = 1 / (1 + Math.exp(-(float) x));
            worst = Math.max(worst, Math.abs(LstmMath.sigmoid((float) x) - exact));
        }
        assertEquals(0, worst, 3e-7, "largest absolute error");
        assertEquals(0.5f, LstmMath.sigmoid(0f));
        assertEquals(1f, LstmMath.sigmoid(Float.POSITIVE_INFINITY), 1e-7f);
    }
}
