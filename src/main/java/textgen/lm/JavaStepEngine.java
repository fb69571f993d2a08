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
    private final float[][][] gates;  // [layer][stream][4H]: each layer's pre-activations, kept for recording
    private final float[][] logits;   // [stream][V], scratch
    private boolean recording;        // keep stream 0's state after each step
    private CellState lastState;

    public JavaStepEngine(LstmWeights weights, int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("At least one stream is needed.");
        }
        this.w = weights;
        this.streams = streams;
        int h = weights.units;
        this.hidden = new float[weights.layers()][streams][h];
        this.cell = new float[weights.layers()][streams][h];
        this.gates = new float[weights.layers()][streams][4 * h];
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

    /**
     * Whether each step keeps a copy of stream 0's state ({@link #lastState}); off, a step costs
     * one test more than it would without the feature.
     */
    public void setRecording(boolean record) {
        recording = record;
        if (!record) {
            lastState = null;
        }
    }

    /** Stream 0's state after the last step, if recording; else null. */
    public CellState lastState() {
        return lastState;
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
            float[][] gates = this.gates[layer];
            float[][] inW = w.input[layer];
            float[][] recW = w.recurrent[layer];
            float[] b = w.bias[layer];
            for (int s = 0; s < streams; s++) {
                float[] z = gates[s];
                System.arraycopy(b, 0, z, 0, h4);
                if (layer == 0) {
                    // One-hot input: the product is just one row of W.
                    axpy(1f, inW[symbols[s]], z);
                }
            }
            if (layer > 0) {
                addProducts(hidden[layer - 1], inW, gates);
            }
            float[][] hPrev = hidden[layer];
            addProducts(hPrev, recW, gates);
            for (int s = 0; s < streams; s++) {
                float[] z = gates[s];
                float[] c = cell[layer][s];
                float[] hs = hPrev[s];
                for (int j = 0; j < h; j++) {
                    float blockInput = LstmMath.tanh(z[j]);
                    float forget = LstmMath.sigmoid(z[h + j]);
                    float output = LstmMath.sigmoid(z[2 * h + j]);
                    float inputGate = LstmMath.sigmoid(z[3 * h + j]);
                    c[j] = forget * c[j] + inputGate * blockInput;
                    hs[j] = output * LstmMath.tanh(c[j]);
                }
            }
        }
        if (recording) {
            lastState = streamZeroState();
        }
        return softmaxOutput(hidden[w.layers() - 1]);
    }

    /** A copy of stream 0's state after the step; the gates' activations are computed again from their inputs. */
    private CellState streamZeroState() {
        int layers = w.layers();
        int h = w.units;
        CellState state = new CellState(new float[layers][], new float[layers][], new float[layers][], new float[layers][],
                new float[layers][]);
        for (int layer = 0; layer < layers; layer++) {
            float[] z = gates[layer][0];
            float[] input = new float[h];
            float[] forget = new float[h];
            float[] output = new float[h];
            for (int j = 0; j < h; j++) {
                forget[j] = LstmMath.sigmoid(z[h + j]);
                output[j] = LstmMath.sigmoid(z[2 * h + j]);
                input[j] = LstmMath.sigmoid(z[3 * h + j]);
            }
            state.hidden()[layer] = hidden[layer][0].clone();
            state.cell()[layer] = cell[layer][0].clone();
            state.inputGate()[layer] = input;
            state.forgetGate()[layer] = forget;
            state.outputGate()[layer] = output;
        }
        return state;
    }

    private float[][] softmaxOutput(float[][] top) {
        int v = w.vocabularySize;
        float[][] result = new float[streams][v];
        for (int s = 0; s < streams; s++) {
            System.arraycopy(w.outputBias, 0, logits[s], 0, v);
        }
        addProducts(top, w.outputWeights, logits);
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

    /**
     * {@code y[s] += x[s] W} for every stream s, W given by its rows. Each row is read once for
     * all streams, and rows go four at a time, so that each pass over {@code y} does four
     * multiply-adds.
     */
    private static void addProducts(float[][] x, float[][] weights, float[][] y) {
        int rows = weights.length;
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            for (int s = 0; s < x.length; s++) {
                float[] xs = x[s];
                axpy4(xs[k], weights[k], xs[k + 1], weights[k + 1], xs[k + 2], weights[k + 2], xs[k + 3], weights[k + 3], y[s]);
            }
        }
        for (; k < rows; k++) {
            for (int s = 0; s < x.length; s++) {
                axpy(x[s][k], weights[k], y[s]);
            }
        }
    }

    // Every array indexed by the same i: the form the JIT turns into vector instructions.

    private static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3,
                              float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
        }
    }

    private static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
