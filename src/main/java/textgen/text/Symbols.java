package textgen.text;

/** How characters are shown to people: whitespace and control characters made visible. */
public final class Symbols {

    private Symbols() {
    }

    /** A visible stand-in for {@code codePoint}: "␣" for space, "↵" for newline, and so on. */
    public static String visible(int codePoint) {
        return switch (codePoint) {
            case ' ' -> "␣";
            case '\n' -> "↵";
            case '\t' -> "⇥";
            case '\r' -> "␍";
            case 0x3000 -> "□"; // ideographic space
            default -> Character.isISOControl(codePoint)
                    ? String.format("U+%04X", codePoint)
                    : Character.toString(codePoint);
        };
    }

    /** For messages: the visible symbol and its code point, e.g. {@code 'é' (U+00E9)}. */
    public static String describe(int codePoint) {
        return "'" + visible(codePoint) + "' (" + String.format("U+%04X", codePoint) + ")";
    }
}
