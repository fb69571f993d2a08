package textgen.lm;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts an encoded text into windows and turns groups of them into one-hot minibatches on demand,
 * so memory holds the text plus one minibatch, never the corpus as a tensor.
 *
 * <p>Every position of a window is trained: the label at step t is the character at t + 1.
 *
 * <p>A word model's batches hold indices instead, shaped [windows, 1, time], for features and
 * labels alike: its embedding layer reads indices, and its loss takes label indices, since
 * one-hot tensors over ten thousand words would not fit.
 */
public final class WindowBatches {

    private final int[] text;
    private final int vocabularySize;
    private final int windowLength;
    private final boolean indices;

    public WindowBatches(int[] text, int vocabularySize, int sequenceLength) {
        this(text, vocabularySize, sequenceLength, false);
    }

    /** With {@code indices}, batches hold symbol indices rather than one-hot vectors. */
    public WindowBatches(int[] text, int vocabularySize, int sequenceLength, boolean indices) {
        if (text.length < 2) {
            throw new IllegalArgumentException("A text of fewer than two characters has nothing to predict.");
        }
        this.text = text;
        this.vocabularySize = vocabularySize;
        this.windowLength = Math.min(sequenceLength, text.length - 1);
        this.indices = indices;
    }

    public int windowLength() {
        return windowLength;
    }

    /** Non-overlapping windows that fit in the text. */
    public int windowCount() {
        return (text.length - 1) / windowLength;
    }

    /** Characters predicted per full pass. */
    public long positions() {
        return (long) windowCount() * windowLength;
    }

    /**
     * The start of every window for one epoch, in random order; the grid is shifted by a random
     * offset each epoch so that windows do not always break at the same places.
     */
    public int[] shuffledStarts(RandomGenerator rng) {
        int count = windowCount();
        int slack = (text.length - 1) - count * windowLength;
        int offset = slack > 0 ? rng.nextInt(slack + 1) : 0;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = offset + i * windowLength;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = starts[i];
            starts[i] = starts[j];
            starts[j] = t;
        }
        return starts;
    }

    /** Window starts in text order, {@code stride} apart, for evaluation with overlapping context. */
    public int[] orderedStarts(int stride) {
        int count = (text.length - 1 - windowLength) / stride + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = i * stride;
        }
        return starts;
    }

    /**
     * Reusable one-hot minibatches of a fixed size: the same two native arrays are refilled for
     * every batch, so training does not leave two fresh megabyte-sized buffers per batch for
     * the garbage collector (whose pauses otherwise reach the UI thread as dropped frames).
     * A returned {@code DataSet} is valid until the next call. {@link #batch(int[], int, int)}
     * uses a fresh one for a single batch.
     */
    public final class Reusable {
        private final int count;
        private final float[] features;
        private final float[] labels;
        private final INDArray featureArray;
        private final INDArray labelArray;
        private final int[] setPositions; // the one-hot positions written last time, to clear them

        public Reusable(int count) {
            this.count = count;
            int width = indices ? 1 : vocabularySize;
            int size = count * width * windowLength;
            this.features = new float[size];
            this.labels = new float[size];
            long[] shape = {count, width, windowLength};
            this.featureArray = Nd4j.create(DataType.FLOAT, shape, 'c');
            this.labelArray = Nd4j.create(DataType.FLOAT, shape, 'c');
            this.setPositions = new int[2 * count * windowLength];
            java.util.Arrays.fill(setPositions, -1);
        }

        public DataSet batch(int[] starts, int from) {
            int t = windowLength;
            if (indices) {
                for (int b = 0; b < count; b++) {
                    int start = starts[from + b];
                    for (int step = 0; step < t; step++) {
                        features[b * t + step] = text[start + step];
                        labels[b * t + step] = text[start + step + 1];
                    }
                }
                featureArray.data().setData(features);
                labelArray.data().setData(labels);
                return new DataSet(featureArray, labelArray);
            }
            int v = vocabularySize;
            for (int i = 0; i < setPositions.length; i += 2) {
                if (setPositions[i] >= 0) {
                    features[setPositions[i]] = 0f;
                    labels[setPositions[i + 1]] = 0f;
                }
            }
            int k = 0;
            for (int b = 0; b < count; b++) {
                int start = starts[from + b];
                int base = b * v * t;
                for (int step = 0; step < t; step++) {
                    int f = base + text[start + step] * t + step;
                    int l = base + text[start + step + 1] * t + step;
                    features[f] = 1f;
                    labels[l] = 1f;
                    setPositions[k++] = f;
                    setPositions[k++] = l;
                }
            }
            featureArray.data().setData(features);
            labelArray.data().setData(labels);
            return new DataSet(featureArray, labelArray);
        }

        public int count() {
            return count;
        }
    }

    /** One-hot features and labels, shaped [windows, vocabulary, time], for {@code starts[from, from + count)}. */
    public DataSet batch(int[] starts, int from, int count) {
        return new Reusable(count).batch(starts, from);
    }

    /** The label indices of a batch, [window][step], for computing the loss from outputs. */
    public int[][] targets(int[] starts, int from, int count) {
        int[][] result = new int[count][windowLength];
        for (int b = 0; b < count; b++) {
            System.arraycopy(text, starts[from + b] + 1, result[b], 0, windowLength);
        }
        return result;
    }

    /**
     * Mean negative log-likelihood, in nats, of {@code targets} under softmax {@code output} [B, V, T],
     * counting only the steps from {@code fromStep} on.
     */
    public static double meanNll(INDArray output, int[][] targets, int fromStep) {
        INDArray probs = output.castTo(DataType.FLOAT).dup('c');
        float[] p = probs.data().asFloat();
        int v = (int) probs.size(1);
        int t = (int) probs.size(2);
        double sum = 0;
        int n = 0;
        for (int b = 0; b < targets.length; b++) {
            for (int step = fromStep; step < t; step++) {
                float q = p[b * v * t + targets[b][step] * t + step];
                sum -= Math.log(Math.max(q, 1e-30f));
                n++;
            }
        }
        return sum / n;
    }
}
