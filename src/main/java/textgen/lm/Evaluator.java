package textgen.lm;

import textgen.text.CharVocabulary;

/** Loss of a model on a text, measured the way training measures it: windows, every position. */
public final class Evaluator {

    private static final int EVAL_BATCH = 128;

    private Evaluator() {
    }

    /**
     * Mean negative log-likelihood per character in nats, or NaN if the text (after dropping
     * characters the model lacks) is too short to predict anything.
     */
    public static double lossNats(CharModel model, String text) {
        CharVocabulary vocabulary = model.vocabulary();
        int[] encoded = vocabulary.encode(text, null);
        if (encoded.length < 2) {
            return Double.NaN;
        }
        WindowBatches windows = new WindowBatches(encoded, vocabulary.size(), model.config().sequenceLength());
        int[] starts = windows.orderedStarts();
        double weighted = 0;
        long positions = 0;
        for (int from = 0; from < starts.length; from += EVAL_BATCH) {
            int count = Math.min(EVAL_BATCH, starts.length - from);
            var batch = windows.batch(starts, from, count);
            var output = model.network().output(batch.getFeatures(), false);
            double loss = WindowBatches.meanNll(output, windows.targets(starts, from, count));
            weighted += loss * count * windows.windowLength();
            positions += (long) count * windows.windowLength();
        }
        return weighted / positions;
    }
}
