package textgen.lm;

/**
 * The shape of a character network and how it is trained. The default is {@link Recipe#FAST}:
 * the classic method's network (one LSTM layer of 128 units, 60-character windows, RMSprop)
 * with the batch size and learning rate that reached a good model soonest here.
 *
 * @param layers stacked LSTM layers
 * @param units units per LSTM layer
 * @param sequenceLength characters per training window (the truncated-BPTT length)
 * @param batchSize windows per minibatch
 * @param learningRate RMSprop step size
 * @param learningRateDecay the share by which the step size shrinks after each epoch, so epoch e
 *     trains at {@code learningRate (1 - decay)^(e-1)}; 0 keeps it constant (and is what model
 *     files from before decay existed read as)
 * @param dropout probability of dropping a value passed between layers during training (not
 *     the characters read: a one-hot input would lose the character itself); 0 turns it off
 * @param gradientClip element-wise gradient clipping bound; 0 turns it off
 * @param seed weight-initialisation and batch-order seed
 */
public record NetworkConfig(int layers, int units, int sequenceLength, int batchSize,
                            double learningRate, double learningRateDecay, double dropout, double gradientClip, long seed) {

    public static final NetworkConfig DEFAULT = new NetworkConfig(1, 128, 60, 32, 0.02, 0, 0, 5, 12345);

    public NetworkConfig {
        requireRange("layers", layers, 1, 8);
        requireRange("units", units, 1, 4096);
        requireRange("sequence length", sequenceLength, 2, 10_000);
        requireRange("batch size", batchSize, 1, 65_536);
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new IllegalArgumentException("The learning rate must be a positive number below 10, but was " + learningRate + ".");
        }
        if (!(learningRateDecay >= 0 && learningRateDecay < 1)) {
            throw new IllegalArgumentException("The learning-rate decay must lie in [0, 1), but was " + learningRateDecay + ".");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("Dropout must lie in [0, 1), but was " + dropout + ".");
        }
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("The gradient clip must be 0 (off) or positive, but was " + gradientClip + ".");
        }
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("The " + what + " must lie between " + min + " and " + max + ", but was " + value + ".");
        }
    }

    public NetworkConfig withLayers(int v) {
        return new NetworkConfig(v, units, sequenceLength, batchSize, learningRate, learningRateDecay, dropout, gradientClip, seed);
    }

    public NetworkConfig withUnits(int v) {
        return new NetworkConfig(layers, v, sequenceLength, batchSize, learningRate, learningRateDecay, dropout, gradientClip, seed);
    }

    public NetworkConfig withSequenceLength(int v) {
        return new NetworkConfig(layers, units, v, batchSize, learningRate, learningRateDecay, dropout, gradientClip, seed);
    }

    public NetworkConfig withBatchSize(int v) {
        return new NetworkConfig(layers, units, sequenceLength, v, learningRate, learningRateDecay, dropout, gradientClip, seed);
    }

    public NetworkConfig withLearningRate(double v) {
        return new NetworkConfig(layers, units, sequenceLength, batchSize, v, learningRateDecay, dropout, gradientClip, seed);
    }

    public NetworkConfig withLearningRateDecay(double v) {
        return new NetworkConfig(layers, units, sequenceLength, batchSize, learningRate, v, dropout, gradientClip, seed);
    }

    public NetworkConfig withDropout(double v) {
        return new NetworkConfig(layers, units, sequenceLength, batchSize, learningRate, learningRateDecay, v, gradientClip, seed);
    }

    public NetworkConfig withSeed(long v) {
        return new NetworkConfig(layers, units, sequenceLength, batchSize, learningRate, learningRateDecay, dropout, gradientClip, v);
    }

    /**
     * Training FLOPs per timestep counted as the one-hot formulation would, whatever the input layer:
     * {@code 3 x (2(V+H)4H + 2HV)} for one layer (forward plus twice for backward), and
     * {@code 3 x 2(2H)4H} for each further layer.
     */
    public double flopsPerTimestep(int vocabularySize) {
        double h = units;
        double v = vocabularySize;
        double first = 2 * (v + h) * 4 * h;
        double further = (layers - 1) * 2 * (2 * h) * 4 * h;
        return 3 * (first + further + 2 * h * v);
    }
}
