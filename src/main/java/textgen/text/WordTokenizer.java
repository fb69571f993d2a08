package textgen.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cuts text into the units a word model reads: words, numbers, single punctuation marks and
 * line breaks. Spaces separate units and are not units themselves.
 *
 * <p>Chinese and Japanese are written without spaces. Runs of such characters are cut by
 * forward maximum matching against a lexicon: at each position the longest string (up to
 * {@link #MAX_CJK_WORD} characters) that the lexicon holds is taken, else one character. The
 * lexicon is the vocabulary of the word vectors, so every unit that can have a vector gets
 * one. We chose this over a dictionary segmenter such as jieba because jieba's dictionary is
 * modern Chinese (it cuts Tang poetry badly) and the words it finds need not be in the vectors.
 */
public final class WordTokenizer {

    /** The longest CJK word matched; Chinese-Word-Vectors' words are nearly all shorter. */
    public static final int MAX_CJK_WORD = 4;

    private WordTokenizer() {
    }

    /** The units of {@code text}, with CJK runs cut by longest match against {@code lexicon}. */
    public static List<String> tokenize(CharSequence text, Predicate<String> lexicon) {
        List<String> tokens = new ArrayList<>();
        String s = text.toString();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '\n') {
                tokens.add("\n");
                i += width;
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += width;
            } else if (isCjk(cp)) {
                int end = cjkRunEnd(s, i);
                i = cutCjkRun(s, i, end, lexicon, tokens);
            } else if (Character.isLetterOrDigit(cp)) {
                int end = i + width;
                while (end < s.length()) {
                    int next = s.codePointAt(end);
                    boolean joiner = (next == '\'' || next == '’' || next == '-') && end + 1 < s.length()
                            && Character.isLetterOrDigit(s.codePointAt(end + 1)) && !isCjk(s.codePointAt(end + 1));
                    if (!(Character.isLetterOrDigit(next) && !isCjk(next)) && Character.getType(next) != Character.NON_SPACING_MARK
                            && !joiner) {
                        break;
                    }
                    end += Character.charCount(next);
                }
                tokens.add(s.substring(i, end));
                i = end;
            } else {
                tokens.add(Character.toString(cp)); // punctuation and symbols, one at a time
                i += width;
            }
        }
        return tokens;
    }

    /**
     * Every string a tokenization of {@code text} could use as a unit, whatever the lexicon:
     * its space-separated units (as written and in lower case) and every CJK substring up to
     * {@link #MAX_CJK_WORD} long. A vectors file read for this text need keep only these.
     */
    public static Set<String> candidates(CharSequence text) {
        Set<String> all = new LinkedHashSet<>();
        for (String token : tokenize(text, w -> false)) {
            all.add(token);
            all.add(token.toLowerCase(java.util.Locale.ROOT)); // see WordVectors.find
        }
        String s = text.toString();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (isCjk(cp)) {
                int end = cjkRunEnd(s, i);
                for (int from = i; from < end; from = s.offsetByCodePoints(from, 1)) {
                    int to = from;
                    for (int n = 0; n < MAX_CJK_WORD && to < end; n++) {
                        to = s.offsetByCodePoints(to, 1);
                        all.add(s.substring(from, to));
                    }
                }
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return all;
    }

    private static int cutCjkRun(String s, int from, int end, Predicate<String> lexicon, List<String> tokens) {
        int i = from;
        while (i < end) {
            int best = s.offsetByCodePoints(i, 1);
            int to = best;
            for (int n = 1; n < MAX_CJK_WORD && to < end; n++) {
                to = s.offsetByCodePoints(to, 1);
                if (lexicon.test(s.substring(i, to))) {
                    best = to;
                }
            }
            tokens.add(s.substring(i, best));
            i = best;
        }
        return end;
    }

    private static int cjkRunEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isCjk(s.codePointAt(end))) {
            end += Character.charCount(s.codePointAt(end));
        }
        return end;
    }

    /** Han, kana and Hangul characters: scripts written without spaces between words. */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
