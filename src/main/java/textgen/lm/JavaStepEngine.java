package textgen.lm;

/**
 * One LSTM timestep in plain Java over a {@link LstmWeights} snapshot.
 *
 * <p>Why not {@code rnnTimeStep}: for a batch of one, each ND4J op costs far more in call
 * overhead than its arithmetic (a 1x128 by 128x512 product is ~20x its arithmetic), so a step
 * through DL4J takes about a millisecond. Here the loops are written as row updates
 * ({@code z += h[k] * W[k, :]}) that the JIT vectorises, and each weight row is read once for
 * all streams. {@code StepEnginesAgreeTest} holds this equal to {@code rnnTimeStep}.
 */
public final class JavaStepEngine implements StepEngine {

    private final LstmWeights w;
    private final int streams;
    private final float[][][] hidden; // [layer][stream][H]
    private final float[][][] cell;   // [layer][stream][H]
    private final float[][] gates;    // [stream][4H], scratch
    private final float[][] logits;   // [stream][V], scratch

    public JavaStepEngine(LstmWeights weights, int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("At least one stream is needed.");
        }
        this.w = weights;
        this.streams = streams;
        int h = weights.units;
        this.hidden = new float[weights.layers()][streams][h];
        this.cell = new float[weights.layers()][streams][h];
        this.gates = new float[streams][4 * h];
        this.logits = new float[streams][weights.vocabularySize];
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public int vocabularySize() {
        return w.vocabularySize;
    }

    @Override
    public void reset() {
        for (float[][] layer : hidden) {
            for (float[] s : layer) {
                java.util.Arrays.fill(s, 0);
            }
        }
        for (float[][] layer : cell) {
            for (float[] s : layer) {
                java.util.Arrays.fill(s, 0);
            }
        }
    }

    /** A copy of every stream's hidden and cell state, to go back to later. */
    public float[][][][] copyState() {
        return new float[][][][] {deepCopy(hidden), deepCopy(cell)};
    }

    /** Puts back a state that {@link #copyState} returned. */
    public void restoreState(float[][][][] state) {
        copyInto(state[0], hidden);
        copyInto(state[1], cell);
    }

    private static float[][][] deepCopy(float[][][] a) {
        float[][][] c = new float[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new float[a[i].length][];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j].clone();
            }
        }
        return c;
    }

    private static void copyInto(float[][][] from, float[][][] to) {
        for (int i = 0; i < from.length; i++) {
            for (int j = 0; j < from[i].length; j++) {
                System.arraycopy(from[i][j], 0, to[i][j], 0, from[i][j].length);
            }
        }
    }

    @Override
    public float[][] step(int[] symbols) {
        if (symbols.length != streams) {
            throw new IllegalArgumentException("Expected " + streams + " symbols, got " + symbols.length + ".");
        }
        int h = w.units;
        int h4 = 4 * h;
        for (int layer = 0; layer < w.layers(); layer++) {
            float[] inW = w.input[layer];
            float[] recW = w.recurrent[layer];
            float[] b = w.bias[layer];
            for (int s = 0; s < streams; s++) {
                float[] z = gates[s];
                System.arraycopy(b, 0, z, 0, h4);
                if (layer == 0) {
                    // One-hot input: the product is just one row of W.
                    axpy(1f, inW, symbols[s] * h4, z, h4);
                }
            }
            if (layer > 0) {
                float[][] below = hidden[layer - 1];
                for (int k = 0; k < h; k++) {
                    for (int s = 0; s < streams; s++) {
                        axpy(below[s][k], inW, k * h4, gates[s], h4);
                    }
                }
            }
            float[][] hPrev = hidden[layer];
            for (int k = 0; k < h; k++) {
                for (int s = 0; s < streams; s++) {
                    float hk = hPrev[s][k];
                    if (hk != 0f) {
                        axpy(hk, recW, k * h4, gates[s], h4);
                    }
                }
            }
            for (int s = 0; s < streams; s++) {
                float[] z = gates[s];
                float[] c = cell[layer][s];
                float[] hs = hPrev[s];
                for (int j = 0; j < h; j++) {
                    float blockInput = (float) Math.tanh(z[j]);
                    float forget = sigmoid(z[h + j]);
                    float output = sigmoid(z[2 * h + j]);
                    float inputGate = sigmoid(z[3 * h + j]);
                    c[j] = forget * c[j] + inputGate * blockInput;
                    hs[j] = output * (float) Math.tanh(c[j]);
                }
            }
        }
        return softmaxOutput(hidden[w.layers() - 1]);
    }

    private float[][] softmaxOutput(float[][] top) {
        int v = w.vocabularySize;
        float[][] result = new float[streams][v];
        for (int s = 0; s < streams; s++) {
            System.arraycopy(w.outputBias, 0, logits[s], 0, v);
        }
        for (int k = 0; k < w.units; k++) {
            for (int s = 0; s < streams; s++) {
                axpy(top[s][k], w.outputWeights, k * v, logits[s], v);
            }
        }
        for (int s = 0; s < streams; s++) {
            float[] z = logits[s];
            float max = Float.NEGATIVE_INFINITY;
            for (float x : z) {
                max = Math.max(max, x);
            }
            double sum = 0;
            float[] p = result[s];
            for (int i = 0; i < v; i++) {
                p[i] = (float) Math.exp(z[i] - max);
                sum += p[i];
            }
            float inv = (float) (1 / sum);
            for (int i = 0; i < v; i++) {
                p[i] *= inv;
            }
        }
        return result;
    }

    private static void axpy(float a, float[] x, int offset, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[offset + i];
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
