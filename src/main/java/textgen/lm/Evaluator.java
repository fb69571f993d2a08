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
     *
     * <p>Each scored window of {@code sequenceLength} characters is preceded by as many
     * characters of context that are read but not scored, so that no character is judged
     * from a cold start: this is the loss the model has when generating, where its state
     * carries all that came before. Texts too short for that are scored from cold windows.
     */
    public static double lossNats(CharModel model, String text) {
        return lossNats(model, model.vocabulary().encode(text, null));
    }

    /** As {@link #lossNats(CharModel, String)}, for text already encoded with the model's vocabulary. */
    static double lossNats(CharModel model, int[] encoded) {
        CharVocabulary vocabulary = model.vocabulary();
        if (encoded.length < 2) {
            return Double.NaN;
        }
        int scored = Math.min(model.config().sequenceLength(), encoded.length - 1);
        int context = encoded.length - 1 >= 2 * scored ? scored : 0;
        WindowBatches windows = new WindowBatches(encoded, vocabulary.size(), context + scored);
        int[] starts = windows.orderedStarts(scored);
        double weighted = 0;
        long positions = 0;
        for (int from = 0; from < starts.length; from += EVAL_BATCH) {
            int count = Math.min(EVAL_BATCH, starts.length - from);
            var batch = windows.batch(starts, from, count);
            var output = model.network().output(batch.getFeatures(), false);
            double loss = WindowBatches.meanNll(output, windows.targets(starts, from, count), context);
            weighted += loss * count * scored;
            positions += (long) count * scored;
        }
        return weighted / positions;
    }
}
