package textgen.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Finds a corpus by built-in name or file path and reads it, refusing what is not UTF-8 text.
 *
 * <p>The text is held in memory while training, so a file larger than {@link #MAX_TEXT_BYTES} is
 * not read whole: evenly spaced pieces of it, {@link #MAX_TEXT_BYTES} in all, are read with
 * positional reads and joined. Memory therefore does not grow with the file, however large.
 */
public final class CorpusLoader {

    /** The most text read from one file; larger files are sampled down to this. */
    public static final long MAX_TEXT_BYTES = 16L * 1024 * 1024;
    /** How many pieces a large file is sampled in. */
    static final int SAMPLE_PIECES = 64;

    private CorpusLoader() {
    }

    /** A built-in corpus name ({@code dickens}, {@code shakespeare}, {@code tang}, {@code names}) or a path. */
    public static Corpus load(String nameOrPath) throws CorpusException {
        BuiltInCorpus builtIn = BuiltInCorpus.byId(nameOrPath);
        if (builtIn != null) {
            return builtIn.load();
        }
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CorpusException("'" + nameOrPath.replaceAll("\\p{Cntrl}", "?") + "' is not a file name this system accepts ("
                    + e.getReason().toLowerCase(Locale.ROOT) + "); choose the file again.");
        }
        return loadFile(path);
    }

    public static Corpus loadFile(Path path) throws CorpusException {
        return loadFile(path, MAX_TEXT_BYTES);
    }

    /** Reads {@code path}, sampling it down to {@code maxBytes} if it is larger. */
    static Corpus loadFile(Path path, long maxBytes) throws CorpusException {
        String shown = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String text;
        String note = "";
        try {
            if (Files.isDirectory(path)) {
                throw new CorpusException("'" + path + "' is a folder; choose a text file.");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // A pipe or a device (/dev/stdin, /dev/zero) may never end, or never start.
                throw new CorpusException("'" + path + "' is not a file but a device, pipe or socket; choose a text file.");
            }
            long size = Files.size(path);
            if (size <= maxBytes) {
                text = decodeUtf8(readStart(path, size), shown);
            } else {
                Sample sample = sample(path, size, maxBytes, shown);
                text = sample.text();
                note = String.format(Locale.ROOT, "The file is %s, so %d evenly spaced pieces of it, %s in all, are used.",
                        megabytes(size), SAMPLE_PIECES, megabytes(sample.bytes()));
            }
        } catch (NoSuchFileException e) {
            throw new CorpusException("There is no file '" + path + "', and it is not a built-in corpus name"
                    + " (dickens, shakespeare, tang, names).");
        } catch (IOException e) {
            throw new CorpusException("'" + path + "' could not be read: " + e.getMessage() + ".", e);
        }
        text = Corpus.normalize(text);
        if (text.isBlank()) {
            throw new CorpusException("'" + shown + "' has no text in it (it is empty or only white space).");
        }
        return new Corpus(shown, text, note);
    }

    /**
     * The first {@code size} bytes of the file, or fewer if it is shorter by now: a file that
     * grows while it is read (a log being written) is read as it was when measured.
     */
    private static byte[] readStart(Path path, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // until the measured size is read or the file ends
            }
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** The text of a sampled file, and how many of its bytes it holds. */
    private record Sample(String text, long bytes) {
    }

    /** Reads {@link #SAMPLE_PIECES} pieces spread over the file, each cut at line ends where it has them. */
    private static Sample sample(Path path, long size, long maxBytes, String shown) throws IOException, CorpusException {
        int pieceBytes = (int) (maxBytes / SAMPLE_PIECES);
        long stride = size / SAMPLE_PIECES;
        StringBuilder text = new StringBuilder((int) maxBytes);
        ByteBuffer buffer = ByteBuffer.allocate(pieceBytes);
        long kept = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            for (int piece = 0; piece < SAMPLE_PIECES; piece++) {
                buffer.clear();
                long position = piece * stride;
                while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                    // read until the piece is full or the file ends
                }
                byte[] bytes = trimToLines(buffer.array(), buffer.position(), piece == 0);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
                text.append(decodeUtf8(bytes, shown));
                kept += bytes.length;
            }
        }
        return new Sample(text.toString(), kept);
    }

    /**
     * The whole lines inside {@code bytes[0, length)}: after the first line end (unless the piece
     * starts the file) and up to the last. A piece without line ends is cut at character boundaries.
     */
    static byte[] trimToLines(byte[] bytes, int length, boolean startsFile) {
        int from = 0;
        int to = length;
        int firstNewline = indexOf(bytes, 0, length);
        int lastNewline = lastIndexOf(bytes, length);
        if (firstNewline >= 0 && lastNewline > firstNewline) {
            from = startsFile ? 0 : firstNewline + 1;
            to = lastNewline + 1;
        } else {
            // No usable line ends: drop a split UTF-8 sequence at either end.
            while (!startsFile && from < to && (bytes[from] & 0xC0) == 0x80) {
                from++;
            }
            int lead = to - 1;
            while (lead > from && (bytes[lead] & 0xC0) == 0x80) {
                lead--;
            }
            if (lead >= from && lead < to && sequenceLength(bytes[lead]) > to - lead) {
                to = lead;
            }
        }
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static int indexOf(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * Refuses UTF-16 (by its byte-order mark) and binary files: a NUL byte anywhere, which UTF-8
     * would otherwise accept, means the file is not text.
     */
    private static void sniff(byte[] bytes, String shown) throws CorpusException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new CorpusException("'" + shown + "' is UTF-16 text; save it as UTF-8 and open it again.");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new CorpusException("'" + shown + "' looks like a binary file, not text; choose a plain text file.");
            }
        }
    }

    static String decodeUtf8(byte[] bytes, String shown) throws CorpusException {
        sniff(bytes, shown);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorpusException("'" + shown + "' is not UTF-8 text (perhaps Latin-1 or Windows-1252);"
                    + " save it as UTF-8 and open it again.");
        }
    }
}
