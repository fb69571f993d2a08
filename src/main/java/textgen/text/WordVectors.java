package textgen.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pretrained word vectors, as far as they were kept: the words, their float32 vectors in one
 * array, and what reading the file found.
 *
 * @param name the file's name (or the built-in vectors' name), recorded in models made from it
 * @param dimension values per vector
 * @param words the kept words, in file order
 * @param values {@code words.size() * dimension} values, word by word
 * @param wordsInFile the vectors the file held (read, kept or not, malformed lines excluded)
 * @param malformedLines how many lines were skipped as malformed
 * @param problems the first few malformed lines, each as "line N: what is wrong"
 */
public record WordVectors(String name, int dimension, List<String> words, float[] values, long wordsInFile,
                          long malformedLines, List<String> problems) {

    public WordVectors {
        words = List.copyOf(words);
        problems = List.copyOf(problems);
        if (values.length != (long) words.size() * dimension) {
            throw new IllegalArgumentException(words.size() + " words of dimension " + dimension + " need "
                    + (long) words.size() * dimension + " values, not " + values.length + ".");
        }
    }

    /** The index of every kept word. */
    public Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
        return index;
    }

    /** Whether a string is one of the kept words: the lexicon CJK text is segmented against. */
    public java.util.function.Predicate<String> lexicon() {
        return index()::containsKey;
    }

    /**
     * The row of {@code word}'s vector in {@code index}, or -1. A word missing as written is
     * looked up in lower case too: English vectors (GloVe, word2vec) are mostly lower case,
     * while "The" starts sentences.
     */
    public static int find(Map<String, Integer> index, String word) {
        Integer row = index.get(word);
        if (row == null) {
            row = index.get(word.toLowerCase(java.util.Locale.ROOT));
        }
        return row == null ? -1 : row;
    }

    /** How many distinct units of {@code tokens} have a vector here. */
    public Coverage coverage(List<String> tokens) {
        return coverage(tokens, index());
    }

    /** How many distinct units of {@code text}, cut against these vectors' words, have a vector. */
    public Coverage coverage(CharSequence text) {
        Map<String, Integer> index = index();
        return coverage(WordTokenizer.tokenize(text, index::containsKey), index);
    }

    private static Coverage coverage(List<String> tokens, Map<String, Integer> index) {
        java.util.Set<String> distinct = new java.util.HashSet<>(tokens);
        distinct.remove("\n");
        int with = (int) distinct.stream().filter(w -> find(index, w) >= 0).count();
        return new Coverage(distinct.size(), with);
    }

    /** Of a text's distinct words (line breaks aside), how many have vectors. */
    public record Coverage(int distinctWords, int withVectors) {
        public int withoutVectors() {
            return distinctWords - withVectors;
        }
    }

    /** A copy of word {@code i}'s vector. */
    public float[] vector(int i) {
        float[] v = new float[dimension];
        System.arraycopy(values, i * dimension, v, 0, dimension);
        return v;
    }
}
