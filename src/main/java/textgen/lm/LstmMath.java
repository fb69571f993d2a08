package textgen.lm;

/**
 * The LSTM's activations in float arithmetic the JIT can vectorise: {@code Math.tanh} and
 * {@code Math.exp} are calls it cannot, and they were most of the element-wise time.
 *
 * <p>tanh is a rational function, {@code x P(x²) / Q(x²)} with P and Q of degree 4, fitted to
 * tanh on [0, 9] (a least-squares fit reweighted towards minimax, ours); beyond ±9 tanh is ±1 in
 * float. Its error stays within a few float roundings of the true value ({@code LstmMathTest}).
 */
final class LstmMath {

    private static final float LIMIT = 9f;
    private static final float P0 = 0.99999990641f;
    private static final float P1 = 0.13373246488f;
    private static final float P2 = 0.0034866395935f;
    private static final float P3 = 2.0472770562e-05f;
    private static final float P4 = 1.3185509101e-08f;
    private static final float Q1 = 0.46706543377f;
    private static final float Q2 = 0.025842199337f;
    private static final float Q3 = 3.2714793368e-04f;
    private static final float Q4 = 7.7031931540e-07f;

    private LstmMath() {
    }

    static float tanh(float x) {
        float c = Math.max(-LIMIT, Math.min(LIMIT, x));
        float u = c * c;
        float p = P0 + u * (P1 + u * (P2 + u * (P3 + u * P4)));
        float q = 1f + u * (Q1 + u * (Q2 + u * (Q3 + u * Q4)));
        return c * p / q;
    }

    /** The logistic function, as {@code (1 + tanh(x / 2)) / 2}. */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}
