package textgen.lm;

import textgen.text.Vocabulary;

/** Loss of a model on a text, measured the way training measures it: windows, every position. */
public final class Evaluator {

    private static final int EVAL_BATCH = 128;
    /** Output values per evaluation batch at most: a word model's softmax over 10,000 words is wide. */
    private static final long MAX_OUTPUT_VALUES = 8_000_000;

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
    public static double lossNats(LanguageModel model, String text) {
        return lossNats(model, model.vocabulary().encode(text, null));
    }

    /** As {@link #lossNats(LanguageModel, String)}, for text already encoded with the model's vocabulary. */
    public static double lossNats(LanguageModel model, int[] encoded) {
        Vocabulary vocabulary = model.vocabulary();
        if (encoded.length < 2) {
            return Double.NaN;
        }
        int scored = Math.min(model.config().sequenceLength(), encoded.length - 1);
        int context = encoded.length - 1 >= 2 * scored ? scored : 0;
        WindowBatches windows = new WindowBatches(encoded, vocabulary.size(), context + scored, model.isWordLevel());
        int[] starts = windows.orderedStarts(scored);
        int batchSize = (int) Math.max(1, Math.min(EVAL_BATCH, MAX_OUTPUT_VALUES / ((long) vocabulary.size() * (context + scored))));
        double weighted = 0;
        long positions = 0;
        for (int from = 0; from < starts.length; from += batchSize) {
            int count = Math.min(batchSize, starts.length - from);
            var batch = windows.batch(starts, from, count);
            var output = model.network().output(batch.getFeatures(), false);
            double loss = WindowBatches.meanNll(output, windows.targets(starts, from, count), context);
            weighted += loss * count * scored;
            positions += (long) count * scored;
        }
        return weighted / positions;
    }
}
