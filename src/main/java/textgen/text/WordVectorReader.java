package textgen.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.CountingInputStream;

/**
 * Reads word vectors in the word2vec text format (the Chinese-Word-Vectors files, GloVe and
 * fastText .vec files): an optional first line {@code count dimension}, then per line a word and
 * its values separated by spaces, UTF-8. Files compressed as people download them (gzip, bzip2,
 * xz) are read as they are, recognised by their first bytes.
 *
 * <p>The file is streamed as bytes, never held whole: memory is bounded by the vectors kept,
 * whatever the file's vocabulary. Only the words a caller wants (those its corpus can use) are
 * decoded into floats; every other line is checked byte by byte (the number of values, and that
 * they are made of number characters) without being parsed. A malformed line (too long, a word
 * that is not UTF-8, values that are not numbers) and a wanted word's second vector are skipped
 * and reported with their line numbers. A file that is not in the format at all is rejected at
 * its first lines.
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
        if (Files.isDirectory(file)) {
            throw new WordVectorException("'" + file + "' is a folder; choose a word-vectors file.");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new WordVectorException("'" + file + "' is not a file but a device, pipe or socket; choose a word-vectors file.");
        }
        try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
             InputStream in = decompressed(new BufferedInputStream(raw, BUFFER), name)) {
            // Progress counts the file's own bytes, compressed or not, against its size.
            return new Parse(name, Files.size(file), raw::getBytesRead, request).run(in);
        } catch (NoSuchFileException e) {
            throw new WordVectorException("There is no vectors file '" + file + "'.");
        } catch (IOException e) {
            throw new WordVectorException("'" + name + "' could not be read: " + e.getMessage() + ".", e);
        }
    }

    /** The text inside a gzip, bzip2 or xz file, or the stream itself if it is not compressed. */
    private static InputStream decompressed(BufferedInputStream marked, String name) throws IOException, WordVectorException {
        String format;
        try {
            format = CompressorStreamFactory.detect(marked);
        } catch (CompressorException e) {
            return marked; // no compression signature: plain text (or not vectors at all, which reading finds out)
        }
        return switch (format) {
            case CompressorStreamFactory.GZIP -> new GzipCompressorInputStream(marked, true);
            case CompressorStreamFactory.BZIP2 -> new BZip2CompressorInputStream(marked, true);
            case CompressorStreamFactory.XZ -> new XZCompressorInputStream(marked, true);
            default -> throw new WordVectorException("'" + name + "' is compressed as " + format + "; word vectors are read"
                    + " as text, or compressed with gzip (.gz), bzip2 (.bz2) or xz (.xz). Unpack it first.");
        };
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
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            throw new WordVectorException("'" + nameOrPath.replaceAll("\\p{Cntrl}", "?") + "' is not a file name this system"
                    + " accepts (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + "); choose the file again.");
        }
        return read(path, request);
    }

    /** Reads vectors from a stream (such as the built-in ones on the classpath). */
    public static WordVectors read(InputStream in, String name, long size, Request request) throws WordVectorException {
        try (CountingInputStream counted = new CountingInputStream(in)) {
            return new Parse(name, size, counted::getBytesRead, request).run(decompressed(new BufferedInputStream(counted), name));
        } catch (IOException e) {
            throw new WordVectorException("'" + name + "' could not be read: " + e.getMessage() + ".", e);
        }
    }

    /** One pass over one file. */
    private static final class Parse {
        private final String name;
        private final long size;
        private final LongSupplier position;
        private final Request request;
        private final Map<String, Long> kept = new HashMap<>(); // the lines of the words kept, to report a second vector
        private final List<String> words = new ArrayList<>();
        private float[] values = new float[0];
        private final List<String> problems = new ArrayList<>();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private long malformed;
        private long vectors;
        private long lineNumber;
        private long dataLines;
        private int dimension = -1;

        Parse(String name, long size, LongSupplier position, Request request) {
            this.name = name;
            this.size = size;
            this.position = position;
            this.request = request;
        }

        WordVectors run(InputStream in) throws IOException, WordVectorException {
            byte[] buffer = new byte[BUFFER];
            byte[] line = new byte[4096];
            int lineLength = 0;
            boolean tooLong = false; // the line has passed MAX_LINE: its bytes are dropped until it ends
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
                        if (tooLong) {
                            lineNumber++;
                            skip("it is over " + MAX_LINE / (1 << 20) + " MB long");
                        } else {
                            line(line, lineLength);
                        }
                        lineLength = 0;
                        tooLong = false;
                    } else if (!tooLong) {
                        if (lineLength == line.length) {
                            if (line.length >= MAX_LINE) {
                                tooLong = true;
                                continue;
                            }
                            line = java.util.Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLength++] = b;
                    }
                }
                if (bytesRead >= nextProgress) {
                    nextProgress += PROGRESS_EVERY;
                    request.progress().update(position.getAsLong(), size);
                    if (request.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("Reading " + name + " was cancelled.");
                    }
                }
            }
            if (tooLong) {
                lineNumber++;
                skip("it is over " + MAX_LINE / (1 << 20) + " MB long");
            } else if (lineLength > 0) {
                line(line, lineLength);
            }
            request.progress().update(position.getAsLong(), size);
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
                            + " (a word and its numbers per line, or that compressed as .gz, .bz2 or .xz); convert binary"
                            + " vectors to text first.");
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
            String problem = space <= start ? "it has no word followed by numbers" : checkValues(line, space + 1, length);
            String word = null;
            if (problem == null) {
                try {
                    word = utf8.decode(ByteBuffer.wrap(line, start, space - start)).toString();
                } catch (CharacterCodingException e) {
                    problem = "its word is not UTF-8 text";
                }
            }
            if (problem != null) {
                skip(problem);
                return;
            }
            dataLines++;
            vectors++;
            boolean wanted = request.wanted() == null || request.wanted().contains(word);
            if (!wanted) {
                return;
            }
            Long first = kept.get(word);
            if (first != null) {
                report("the word '" + word + "' again (first on line " + first + "); the first vector is kept");
                return;
            }
            if (request.maxWords() <= 0 || words.size() < request.maxWords()) {
                keep(word, line, space + 1, length);
            }
        }

        /**
         * A line that is not a word and its vector: within the first lines it means the file is
         * not in the format at all; later it is skipped and reported.
         */
        private void skip(String problem) throws WordVectorException {
            dataLines++;
            if (dataLines <= PROBED_LINES) {
                throw new WordVectorException("'" + name + "' is not a word-vectors text file: line " + lineNumber
                        + " should be a word followed by " + (dimension > 0 ? dimension + " " : "") + "numbers, but " + problem
                        + ". Choose a file in the word2vec text format (such as sgns.*.txt from Chinese-Word-Vectors).");
            }
            report(problem);
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
                report("its numbers are not all valid");
                return;
            }
            int at = words.size() * dimension;
            if (at + dimension > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(at + dimension, values.length * 2));
            }
            System.arraycopy(vector, 0, values, at, dimension);
            words.add(word);
            kept.put(word, lineNumber);
        }

        /** A line skipped: counted, and the first few described with their line numbers. */
        private void report(String problem) {
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
