package textgen.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols a character model knows: Unicode code points (so a character outside the Basic
 * Multilingual Plane, such as an emoji, is one symbol, not two {@code char}s), most frequent
 * first, each with its count in the text it was built from.
 */
public final class CharVocabulary implements Vocabulary {

    private final int[] codePoints;
    private final long[] counts;
    private final Map<Integer, Integer> indexByCodePoint;

    private CharVocabulary(int[] codePoints, long[] counts) {
        this.codePoints = codePoints;
        this.counts = counts;
        this.indexByCodePoint = new HashMap<>(codePoints.length * 2);
        for (int i = 0; i < codePoints.length; i++) {
            if (indexByCodePoint.put(codePoints[i], i) != null) {
                throw new IllegalArgumentException("Vocabulary lists " + Symbols.describe(codePoints[i]) + " twice.");
            }
        }
    }

    /** Counts the code points of {@code text}; ties in frequency are ordered by code point. */
    public static CharVocabulary of(CharSequence text) {
        Map<Integer, long[]> tally = new HashMap<>();
        text.codePoints().forEach(cp -> tally.computeIfAbsent(cp, k -> new long[1])[0]++);
        List<Map.Entry<Integer, long[]>> entries = new ArrayList<>(tally.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : Integer.compare(a.getKey(), b.getKey());
        });
        int[] cps = new int[entries.size()];
        long[] cs = new long[entries.size()];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = entries.get(i).getKey();
            cs[i] = entries.get(i).getValue()[0];
        }
        return new CharVocabulary(cps, cs);
    }

    @Override
    public int size() {
        return codePoints.length;
    }

    public int codePoint(int index) {
        return codePoints[index];
    }

    @Override
    public long count(int index) {
        return counts[index];
    }

    /** The index of {@code codePoint}, or -1 if this vocabulary lacks it. */
    public int indexOf(int codePoint) {
        Integer index = indexByCodePoint.get(codePoint);
        return index == null ? -1 : index;
    }

    public boolean contains(int codePoint) {
        return indexByCodePoint.containsKey(codePoint);
    }

    /** The symbol at {@code index} as a string (one or two {@code char}s). */
    @Override
    public String symbol(int index) {
        return Character.toString(codePoints[index]);
    }

    @Override
    public String label(int index) {
        return Symbols.visible(codePoints[index]);
    }

    /**
     * Encodes {@code text} as vocabulary indices. Characters the vocabulary lacks are left out
     * and reported to {@code unknown} (which may be null), once per occurrence.
     */
    @Override
    public int[] encode(CharSequence text, java.util.function.Consumer<String> unknown) {
        return text.codePoints().map(cp -> {
            int index = indexOf(cp);
            if (index < 0 && unknown != null) {
                unknown.accept(Character.toString(cp));
            }
            return index;
        }).filter(i -> i >= 0).toArray();
    }

    /** Characters are written one after another. */
    @Override
    public String separator(int previous, int next) {
        return "";
    }

    @Override
    public int lineStart() {
        return contains('\n') ? indexOf('\n') : 0;
    }

    @Override
    public double knownShare(CharSequence text) {
        long total = text.codePoints().count();
        return total == 0 ? 1 : (double) text.codePoints().filter(this::contains).count() / total;
    }

    @Override
    public String unit() {
        return "character";
    }

    /** Encodes text that is known to contain only vocabulary symbols. */
    public int[] encode(CharSequence text) {
        int[] indices = text.codePoints().map(this::indexOf).toArray();
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("The text holds characters this vocabulary lacks.");
            }
        }
        return indices;
    }

    @Override
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i : indices) {
            sb.appendCodePoint(codePoints[i]);
        }
        return sb.toString();
    }

    /** Writes one line per symbol: its code point and count, in decimal, separated by a tab. */
    public void write(Writer out) throws IOException {
        for (int i = 0; i < codePoints.length; i++) {
            out.write(codePoints[i] + "\t" + counts[i] + "\n");
        }
    }

    /** Reads what {@link #write} wrote; throws {@link IOException} naming the first bad line. */
    public static CharVocabulary read(BufferedReader in) throws IOException {
        List<int[]> cps = new ArrayList<>();
        List<Long> cs = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                int cp = Integer.parseInt(parts[0]);
                long count = Long.parseLong(parts[1]);
                if (!Character.isValidCodePoint(cp) || count < 0) {
                    throw new NumberFormatException();
                }
                cps.add(new int[] {cp});
                cs.add(count);
            } catch (NumberFormatException e) {
                throw new IOException("vocabulary line " + lineNumber + " is not a code point and a count");
            }
        }
        if (cps.isEmpty()) {
            throw new IOException("the vocabulary is empty");
        }
        int[] codePoints = cps.stream().mapToInt(a -> a[0]).toArray();
        long[] counts = cs.stream().mapToLong(Long::longValue).toArray();
        try {
            return new CharVocabulary(codePoints, counts);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary other
                && Arrays.equals(codePoints, other.codePoints)
                && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary[" + codePoints.length + " symbols]";
    }
}
