package textgen.lm.inside;

import java.util.Arrays;
import java.util.Locale;
import textgen.text.Corpus;
import textgen.text.Vocabulary;

/** Which text the analysis reads: the corpus's held-out part, which the network never trained on. */
public final class Passages {

    private Passages() {
    }

    /**
     * A passage, encoded with the model's vocabulary.
     *
     * @param heldOut how many of its symbols (at its end) come from the held-out split
     */
    public record Passage(int[] symbols, int heldOut) {

        /** Where the passage comes from, in words, such as "the held-out text of dickens". */
        public String describe(String corpusName) {
            if (heldOut >= symbols.length) {
                return "the held-out text of " + corpusName;
            }
            return String.format(Locale.ROOT, "the end of %s (its held-out part is only %,d symbols; the rest was"
                    + " trained on)", corpusName, heldOut);
        }
    }

    /**
     * The first {@code symbols} symbols of the corpus's validation split (symbols the model lacks
     * left out); if the split is shorter, the end of the whole text, of which the split is the
     * last part. The start rather than the end: a book's held-out end is its last chapter, which
     * for Dickens is a summing-up with hardly a line of speech in it.
     */
    public static Passage heldOut(Vocabulary vocabulary, Corpus corpus, int symbols) {
        int[] held = vocabulary.encode(corpus.split().validation(), null);
        if (held.length >= symbols) {
            return new Passage(Arrays.copyOf(held, symbols), symbols);
        }
        int[] all = vocabulary.encode(corpus.text(), null);
        return new Passage(Arrays.copyOfRange(all, Math.max(0, all.length - symbols), all.length), held.length);
    }
}
