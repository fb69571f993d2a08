package textgen.text;

import java.util.List;

/**
 * The features the Inside view looks for, after Karpathy, Johnson and Fei-Fei's "Visualizing and
 * Understanding Recurrent Networks" (2015): for English, quotes, the position in the line,
 * parentheses, word starts and sentence ends; for Chinese verse, the position in the verse line
 * and the inside of a 《title》. Each value belongs to the symbol just read, as the network sees it.
 */
public final class TextFeatures {

    /** Inside "double quotes": 1 from an opening quote to its closing one. */
    public static final TextFeature DOUBLE_QUOTES = new TextFeature("inside double quotes", symbols -> {
        double[] v = new double[symbols.size()];
        boolean inside = false;
        for (int i = 0; i < v.length; i++) {
            String s = symbols.get(i);
            if (s.equals("\"")) {
                inside = !inside;
            } else if (s.equals("\u201C")) {
                inside = true;
            } else if (s.equals("\u201D")) {
                inside = false;
            }
            v[i] = inside ? 1 : 0;
        }
        return v;
    });

    /**
     * Inside 'quoted speech' in single quotes, as Dickens and much British prose write dialogue: a
     * quote mark between two letters is an apostrophe (don't), one after a letter that ends a word
     * closes the speech, and one before a word opens it.
     */
    public static final TextFeature SINGLE_QUOTES = new TextFeature("inside quoted speech ('...')", symbols -> {
        double[] v = new double[symbols.size()];
        boolean inside = false;
        for (int i = 0; i < v.length; i++) {
            if (isQuote(symbols.get(i))) {
                boolean before = i > 0 && isLetter(symbols.get(i - 1));
                boolean after = i + 1 < v.length && isLetter(symbols.get(i + 1));
                if (!before && after) {
                    inside = true;
                } else if (!after) {
                    inside = false;
                }
            }
            v[i] = inside ? 1 : 0;
        }
        return v;
    });

    /** How many symbols since the last line break: 0 at the line's first. */
    public static final TextFeature LINE_POSITION = new TextFeature("position in the line", symbols -> {
        double[] v = new double[symbols.size()];
        int position = 0;
        for (int i = 0; i < v.length; i++) {
            if (symbols.get(i).equals("\n")) {
                position = -1;
            }
            v[i] = Math.max(0, position++);
        }
        return v;
    });

    /** Inside (parentheses), nested or not. */
    public static final TextFeature PARENTHESES = between("inside parentheses", "(", ")");

    /** The first letter of a word. */
    public static final TextFeature WORD_START = new TextFeature("start of a word", symbols -> {
        double[] v = new double[symbols.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = isLetter(symbols.get(i)) && (i == 0 || !isLetter(symbols.get(i - 1))) ? 1 : 0;
        }
        return v;
    });

    /** From a full stop, question or exclamation mark to the next sentence's first letter. */
    public static final TextFeature AFTER_SENTENCE = new TextFeature("after the end of a sentence", symbols -> {
        double[] v = new double[symbols.size()];
        boolean ended = false;
        for (int i = 0; i < v.length; i++) {
            String s = symbols.get(i);
            if (s.equals(".") || s.equals("!") || s.equals("?")) {
                ended = true;
            } else if (isLetter(s)) {
                ended = false;
            }
            v[i] = ended ? 1 : 0;
        }
        return v;
    });

    /** How many characters since the start of the verse line: after a comma, full stop, colon or line break. */
    public static final TextFeature VERSE_POSITION = new TextFeature("position in the verse line", symbols -> {
        double[] v = new double[symbols.size()];
        int position = 0;
        for (int i = 0; i < v.length; i++) {
            String s = symbols.get(i);
            boolean breaks = s.equals("，") || s.equals("。") || s.equals("：") || s.equals("\n") || s.equals("？")
                    || s.equals("！") || s.equals("；");
            v[i] = breaks ? 0 : ++position;
            if (breaks) {
                position = 0;
            }
        }
        return v;
    });

    /** Inside a 《title》. */
    public static final TextFeature TITLE = between("inside 《title》", "《", "》");

    public static final List<TextFeature> ENGLISH = List.of(DOUBLE_QUOTES, SINGLE_QUOTES, LINE_POSITION, PARENTHESES,
            WORD_START, AFTER_SENTENCE);
    public static final List<TextFeature> CHINESE = List.of(VERSE_POSITION, TITLE, LINE_POSITION);

    private TextFeatures() {
    }

    /** The features that make sense for a text: the Chinese ones if most of its letters are CJK. */
    public static List<TextFeature> forText(List<String> symbols) {
        long cjk = 0;
        long letters = 0;
        for (String s : symbols) {
            int cp = s.isEmpty() ? 0 : s.codePointAt(0);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.isIdeographic(cp)) {
                    cjk++;
                }
            }
        }
        return cjk * 2 > letters ? CHINESE : ENGLISH;
    }

    /** 1 from an opening mark to its closing one, nested or not; a stray closing mark is ignored. */
    private static TextFeature between(String name, String open, String close) {
        return new TextFeature(name, symbols -> {
            double[] v = new double[symbols.size()];
            int depth = 0;
            for (int i = 0; i < v.length; i++) {
                String s = symbols.get(i);
                if (s.equals(open)) {
                    depth++;
                } else if (s.equals(close)) {
                    depth = Math.max(0, depth - 1);
                }
                v[i] = depth > 0 ? 1 : 0;
            }
            return v;
        });
    }

    private static boolean isLetter(String s) {
        return !s.isEmpty() && Character.isLetter(s.codePointAt(0));
    }

    private static boolean isQuote(String s) {
        return s.equals("'") || s.equals("\u2018") || s.equals("\u2019");
    }
}
