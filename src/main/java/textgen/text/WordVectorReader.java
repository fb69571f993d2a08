package textgen.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads word vectors in the word2vec text format (the Chinese-Word-Vectors files, GloVe and
 * fastText .vec files): an optional first line {@code count dimension}, then per line a word and
 * its values separated by spaces, UTF-8.
 *
 * <p>The file is streamed as bytes, never held whole: memory is bounded by the vectors kept.
 * Only the words a caller wants (those its corpus can use) are decoded into floats; every other
 * line is checked byte by byte (the number of values, and that they are made of number
 * characters) without being parsed. A malformed line is skipped and reported with its line
 * number. A file that is not in the format at all is rejected at its first lines.
 */
public final class WordVectorReader {

    /** What to keep, and how to report progress and be cancelled. */
    public record Request(Set<String> wanted, int maxWords, Progress progress, BooleanSupplier cancelled) {

        /** Keep what a tokenization of {@code text} could use (see {@link WordTokenizer#candidates}). */
        public static Request forText(CharSequence text) {
            return keep(WordTokenizer.candidates(text), 0);
        }

        /** Keep the words in {@code wanted} (all words if null), at most {@code maxWords} of them (0: no cap). */
        public static Request keep(Set<String> wanted, int maxWords) {
            return new Request(wanted, maxWords, (done, total) -> { }, () -> false);
        }

        public Request withProgress(Progress p, BooleanSupplier isCancelled) {
            return new Request(wanted, maxWords, p, isCancelled);
        }
    }

    /** Told how far reading has got, every few megabytes. */
    public interface Progress {
        void update(long bytesRead, long totalBytes);
    }

    /** How many malformed lines are described in {@link WordVectors#problems()}. */
    static final int PROBLEMS_SHOWN = 10;
    /** Data lines checked strictly at the start: a file failing here is not in the format. */
    private static final int PROBED_LINES = 3;
    private static final int BUFFER = 1 << 20;
    private static final int MAX_LINE = 1 << 20;
    private static final long PROGRESS_EVERY = 4L << 20;

    private WordVectorReader() {
    }

    public static WordVectors read(Path file, Request request) throws WordVectorException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return new Parse(name, Files.size(file), request).run(in);
        } catch (NoSuchFileException e) {
            throw new WordVectorException("There is no vectors file '" + file + "'.");
        } catch (IOException e) {
            throw new WordVectorException("'" + name + "' could not be read: " + e.getMessage() + ".", e);
        }
    }

    /** The name of the built-in demo vectors: characters of the Tang poems, trained here with Word2Vec. */
    public static final String BUILT_IN_TANG = "tang-chars";
    private static final String BUILT_IN_RESOURCE = "/textgen/vectors/tang-chars.vec";

    /** {@link #BUILT_IN_TANG} or a file path. */
    public static WordVectors read(String nameOrPath, Request request) throws WordVectorException {
        if (nameOrPath.equals(BUILT_IN_TANG)) {
            try (InputStream in = WordVectorReader.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new WordVectorException("The built-in vectors '" + BUILT_IN_TANG + "' are missing from this build.");
                }
                return read(in, BUILT_IN_TANG, -1, request);
            } catch (IOException e) {
                throw new WordVectorException("The built-in vectors could not be read: " + e.getMessage() + ".", e);
            }
        }
        return read(Path.of(nameOrPath), request);
    }

    /** Reads vectors from a stream (such as the built-in ones on the classpath). */
    public static WordVectors read(InputStream in, String name, long size, Request request) throws WordVectorException {
        try {
            return new Parse(name, size, request).run(in);
        } catch (IOException e) {
            throw new WordVectorException("'" + name + "' could not be read: " + e.getMessage() + ".", e);
        }
    }

    /** One pass over one file. */
    private static final class Parse {
        private final String name;
        private final long size;
        private final Request request;
        private final Set<String> seen = new HashSet<>();
        private final List<String> words = new ArrayList<>();
        private float[] values = new float[0];
        private final List<String> problems = new ArrayList<>();
        private long malformed;
        private long vectors;
        private long lineNumber;
        private long dataLines;
        private int dimension = -1;

        Parse(String name, long size, Request request) {
            this.name = name;
            this.size = size;
            this.request = request;
        }

        WordVectors run(InputStream in) throws IOException, WordVectorException {
            byte[] buffer = new byte[BUFFER];
            byte[] line = new byte[4096];
            int lineLength = 0;
            long bytesRead = 0;
            long nextProgress = PROGRESS_EVERY;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (bytesRead == 0) {
                    sniff(buffer, n);
                }
                bytesRead += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        line(line, lineLength);
                        lineLength = 0;
                    } else {
                        if (lineLength == line.length) {
                            if (line.length >= MAX_LINE) {
                                throw new WordVectorException("'" + name + "' has a line " + (lineNumber + 1)
                                        + " over a megabyte long; it is not a word-vectors text file.");
                            }
                            line = java.util.Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLength++] = b;
                    }
                }
                if (bytesRead >= nextProgress) {
                    nextProgress += PROGRESS_EVERY;
                    request.progress().update(bytesRead, size);
                    if (request.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("Reading " + name + " was cancelled.");
                    }
                }
            }
            if (lineLength > 0) {
                line(line, lineLength);
            }
            request.progress().update(bytesRead, size);
            if (vectors == 0) {
                throw new WordVectorException("'" + name + "' holds no word vectors.");
            }
            return new WordVectors(name, dimension, words, java.util.Arrays.copyOf(values, words.size() * dimension),
                    vectors, malformed, problems);
        }

        private void sniff(byte[] bytes, int n) throws WordVectorException {
            for (int i = 0; i < Math.min(n, 8192); i++) {
                if (bytes[i] == 0) {
                    throw new WordVectorException("'" + name + "' is a binary file. Only the word2vec text format is read"
                            + " (a word and its numbers per line); convert binary vectors to text first.");
                }
            }
        }

        private void line(byte[] line, int length) throws WordVectorException {
            lineNumber++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            int start = 0;
            if (lineNumber == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                start = 3; // a byte-order mark
            }
            if (length - start <= 0) {
                return;
            }
            if (lineNumber == 1 && isHeader(line, start, length)) {
                return;
            }
            int space = indexOf(line, start, length, (byte) ' ');
            String problem;
            if (space <= start) {
                problem = "it has no word followed by numbers";
            } else {
                problem = checkValues(line, space + 1, length);
            }
            dataLines++;
            if (problem != null) {
                if (dataLines <= PROBED_LINES) {
                    throw new WordVectorException("'" + name + "' is not a word-vectors text file: line " + lineNumber
                            + " should be a word followed by " + (dimension > 0 ? dimension + " " : "") + "numbers, but " + problem
                            + ". Choose a file in the word2vec text format (such as sgns.*.txt from Chinese-Word-Vectors).");
                }
                malformed(problem);
                return;
            }
            vectors++;
            String word = new String(line, start, space - start, StandardCharsets.UTF_8);
            if (!seen.add(word)) {
                return; // a repeated word: the first vector wins
            }
            boolean wanted = request.wanted() == null || request.wanted().contains(word);
            boolean room = request.maxWords() <= 0 || words.size() < request.maxWords();
            if (wanted && room) {
                keep(word, line, space + 1, length);
            }
        }

        /** Counts the values and checks their characters; sets the dimension from the first data line. */
        private String checkValues(byte[] line, int from, int length) {
            int count = 0;
            boolean inValue = false;
            for (int i = from; i < length; i++) {
                byte b = line[i];
                if (b == ' ' || b == '\t') {
                    inValue = false;
                } else {
                    if (!(b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E')) {
                        return "'" + new String(line, i, Math.min(12, length - i), StandardCharsets.UTF_8).split(" ")[0]
                                + "' is not a number";
                    }
                    if (!inValue) {
                        count++;
                        inValue = true;
                    }
                }
            }
            if (count == 0) {
                return "it has no numbers";
            }
            if (dimension < 0) {
                dimension = count;
            } else if (count != dimension) {
                return "it has " + count + " numbers instead of " + dimension;
            }
            return null;
        }

        private void keep(String word, byte[] line, int from, int length) {
            String[] parts = new String(line, from, length - from, StandardCharsets.ISO_8859_1).trim().split("[ \t]+");
            float[] vector = new float[dimension];
            try {
                for (int i = 0; i < dimension; i++) {
                    vector[i] = Float.parseFloat(parts[i]);
                    if (!Float.isFinite(vector[i])) {
                        throw new NumberFormatException();
                    }
                }
            } catch (NumberFormatException e) {
                vectors--;
                malformed("its numbers are not all valid");
                return;
            }
            int at = words.size() * dimension;
            if (at + dimension > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(at + dimension, values.length * 2));
            }
            System.arraycopy(vector, 0, values, at, dimension);
            words.add(word);
        }

        private void malformed(String problem) {
            malformed++;
            if (problems.size() < PROBLEMS_SHOWN) {
                problems.add("line " + lineNumber + ": " + problem);
            }
        }

        /** A first line of two positive integers is a header; the dimension it gives is checked against the data. */
        private boolean isHeader(byte[] line, int from, int length) {
            String text = new String(line, from, length - from, StandardCharsets.ISO_8859_1).trim();
            String[] parts = text.split("[ \t]+");
            if (parts.length != 2 || !parts[0].matches("\\d{1,12}") || !parts[1].matches("\\d{1,6}")) {
                return false;
            }
            int declared = Integer.parseInt(parts[1]);
            if (declared > 0) {
                dimension = declared;
            }
            return true;
        }

        private static int indexOf(byte[] line, int from, int length, byte b) {
            for (int i = from; i < length; i++) {
                if (line[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }
}
