package textgen.text;

/**
 * A training text: normalised (no byte-order mark, {@code \n} line ends) and named for people.
 *
 * @param name what the user calls it: a built-in name or the file name
 * @param text the whole text
 * @param note what the user should know about how it was read (such as "a sample of a large
 *     file"), or empty
 */
public record Corpus(String name, String text, String note) {

    /** The share of the text held out for validation by default: its last 5%. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.05;

    public Corpus {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("A corpus needs some text.");
        }
    }

    public Corpus(String name, String text) {
        this(name, text, "");
    }

    public int codePointCount() {
        return text.codePointCount(0, text.length());
    }

    public CharVocabulary vocabulary() {
        return CharVocabulary.of(text);
    }

    /** Splits off the last {@code validationFraction} of the text (at a code-point boundary). */
    public CorpusSplit split(double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("The validation share must lie strictly between 0 and 1.");
        }
        int total = codePointCount();
        int trainCodePoints = (int) Math.round(total * (1 - validationFraction));
        int cut = text.offsetByCodePoints(0, trainCodePoints);
        return new CorpusSplit(text.substring(0, cut), text.substring(cut));
    }

    public CorpusSplit split() {
        return split(DEFAULT_VALIDATION_FRACTION);
    }

    /** Makes text from any source look alike: drops a byte-order mark, turns CRLF and CR into LF. */
    public static String normalize(String raw) {
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        return text;
    }

    /** The training part and the held-out validation part of a corpus. */
    public record CorpusSplit(String train, String validation) {
    }
}
