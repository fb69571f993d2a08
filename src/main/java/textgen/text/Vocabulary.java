package textgen.text;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The symbols a model reads and predicts: characters ({@link CharVocabulary}) or words
 * ({@link WordVocabulary}). Everything above this layer (training, generation, charts) works
 * on indices and asks the vocabulary how to show and join them.
 */
public sealed interface Vocabulary permits CharVocabulary, WordVocabulary {

    int size();

    /** The text symbol {@code index} stands for: a character, or a word. */
    String symbol(int index);

    /** The symbols {@code indices} stand for, in order. */
    default List<String> symbols(int[] indices) {
        return Arrays.stream(indices).mapToObj(this::symbol).toList();
    }

    /** How a chart or message shows it: visible even for a space or a line break. */
    String label(int index);

    /** How often it occurred in the text the vocabulary was built from. */
    long count(int index);

    /**
     * Encodes {@code text} as indices. What the vocabulary lacks is reported to {@code unknown}
     * (which may be null) once per occurrence: a character vocabulary leaves it out, a word
     * vocabulary maps it to its unknown-word symbol.
     */
    int[] encode(CharSequence text, Consumer<String> unknown);

    /** The text of {@code indices}, joined as {@link #separator} says. */
    default String decode(int[] indices) {
        StringBuilder sb = new StringBuilder();
        int previous = -1;
        for (int i : indices) {
            sb.append(separator(previous, i)).append(symbol(i));
            previous = i;
        }
        return sb.toString();
    }

    /** What is written between symbol {@code previous} (-1 at the start) and {@code next}. */
    String separator(int previous, int next);

    /** Where generation starts when the seed gives nothing: a line break if the vocabulary has one. */
    int lineStart();

    /** The share of {@code text}'s characters or words that this vocabulary knows, 0 to 1 (1 for empty text). */
    double knownShare(CharSequence text);

    /** "character" or "word", for messages. */
    String unit();
}
