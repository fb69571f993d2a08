package textgen.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The words a word model reads and predicts: the {@code N} most frequent units of its corpus
 * (see {@link WordTokenizer}) and, at index 0, {@link #UNKNOWN} for every other word. Capping
 * the vocabulary is what keeps the softmax, and the model, desktop-sized.
 */
public final class WordVocabulary implements Vocabulary {

    /** The symbol for words outside the vocabulary. */
    public static final String UNKNOWN = "<unk>";
    /** The default cap on the output vocabulary. */
    public static final int DEFAULT_MAX_WORDS = 10_000;

    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> indexByWord;

    private WordVocabulary(String[] words, long[] counts) {
        if (words.length == 0 || !UNKNOWN.equals(words[0])) {
            throw new IllegalArgumentException("A word vocabulary starts with " + UNKNOWN + ".");
        }
        this.words = words;
        this.counts = counts;
        this.indexByWord = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (words[i].isEmpty() || indexByWord.put(words[i], i) != null) {
                throw new IllegalArgumentException("The vocabulary lists '" + words[i] + "' twice or an empty word.");
            }
        }
    }

    /** The {@code maxWords} most frequent of {@code tokens} (ties by text), after {@link #UNKNOWN}. */
    public static WordVocabulary of(List<String> tokens, int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("The vocabulary must hold at least one word, not " + maxWords + ".");
        }
        Map<String, long[]> tally = new HashMap<>();
        for (String t : tokens) {
            tally.computeIfAbsent(t, k -> new long[1])[0]++;
        }
        tally.remove(UNKNOWN);
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(tally.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        int kept = Math.min(maxWords, entries.size());
        String[] words = new String[kept + 1];
        long[] counts = new long[kept + 1];
        words[0] = UNKNOWN;
        for (int i = 0; i < entries.size(); i++) {
            if (i < kept) {
                words[i + 1] = entries.get(i).getKey();
                counts[i + 1] = entries.get(i).getValue()[0];
            } else {
                counts[0] += entries.get(i).getValue()[0];
            }
        }
        return new WordVocabulary(words, counts);
    }

    @Override
    public int size() {
        return words.length;
    }

    @Override
    public String symbol(int index) {
        return words[index];
    }

    @Override
    public String label(int index) {
        String w = words[index];
        return w.equals("\n") ? "↵" : w;
    }

    @Override
    public long count(int index) {
        return counts[index];
    }

    public boolean contains(String word) {
        return indexByWord.containsKey(word);
    }

    /** The index of {@code word}, or -1. */
    public int indexOf(String word) {
        Integer i = indexByWord.get(word);
        return i == null ? -1 : i;
    }

    /** Words outside the vocabulary become {@link #UNKNOWN} and are reported to {@code unknown}. */
    @Override
    public int[] encode(CharSequence text, Consumer<String> unknown) {
        List<String> tokens = WordTokenizer.tokenize(text, indexByWord::containsKey);
        int[] indices = new int[tokens.size()];
        for (int i = 0; i < indices.length; i++) {
            int index = indexOf(tokens.get(i));
            if (index < 0) {
                index = 0;
                if (unknown != null) {
                    unknown.accept(tokens.get(i));
                }
            }
            indices[i] = index;
        }
        return indices;
    }

    /** A space between words, none around line breaks, before closing punctuation or between CJK characters. */
    @Override
    public String separator(int previous, int next) {
        if (previous < 0) {
            return "";
        }
        String a = words[previous];
        String b = words[next];
        if (a.equals("\n") || b.equals("\n") || isCjkText(a) || isCjkText(b)) {
            return "";
        }
        if (b.length() == 1 && ".,;:!?)]}%".indexOf(b.charAt(0)) >= 0 || b.startsWith("'") || b.startsWith("’")) {
            return "";
        }
        if (a.length() == 1 && "([{".indexOf(a.charAt(0)) >= 0) {
            return "";
        }
        return " ";
    }

    private static boolean isCjkText(String w) {
        int cp = w.codePointAt(0);
        // CJK punctuation (，。《》：) is written without spaces too.
        return WordTokenizer.isCjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    @Override
    public int lineStart() {
        int i = indexOf("\n");
        return i >= 0 ? i : 0;
    }

    @Override
    public double knownShare(CharSequence text) {
        long[] unknown = new long[1];
        int total = encode(text, u -> unknown[0]++).length;
        return total == 0 ? 1 : (double) (total - unknown[0]) / total;
    }

    @Override
    public String unit() {
        return "word";
    }

    /** One line per word: the word (with {@code \n} written as {@code \\n}) and its count, separated by a tab. */
    public void write(Writer out) throws IOException {
        for (int i = 0; i < words.length; i++) {
            out.write(escape(words[i]) + "\t" + counts[i] + "\n");
        }
    }

    /** Reads what {@link #write} wrote; throws {@link IOException} naming the first bad line. */
    public static WordVocabulary read(BufferedReader in) throws IOException {
        List<String> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            int tab = line.lastIndexOf('\t');
            try {
                if (tab <= 0) {
                    throw new NumberFormatException();
                }
                long count = Long.parseLong(line.substring(tab + 1));
                if (count < 0) {
                    throw new NumberFormatException();
                }
                words.add(unescape(line.substring(0, tab)));
                counts.add(count);
            } catch (NumberFormatException e) {
                throw new IOException("vocabulary line " + lineNumber + " is not a word and a count");
            }
        }
        try {
            return new WordVocabulary(words.toArray(String[]::new), counts.stream().mapToLong(Long::longValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static String escape(String w) {
        return w.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String unescape(String w) {
        StringBuilder sb = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '\\' && i + 1 < w.length()) {
                char n = w.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
