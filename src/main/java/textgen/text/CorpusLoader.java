package textgen.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Finds a corpus by built-in name or file path and reads it, refusing what is not UTF-8 text. */
public final class CorpusLoader {

    /** Larger files are refused: the whole text is held in memory while training. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private CorpusLoader() {
    }

    /** A built-in corpus name ({@code dickens}, {@code shakespeare}, {@code tang}, {@code names}) or a path. */
    public static Corpus load(String nameOrPath) throws CorpusException {
        BuiltInCorpus builtIn = BuiltInCorpus.byId(nameOrPath);
        return builtIn != null ? builtIn.load() : loadFile(Path.of(nameOrPath));
    }

    public static Corpus loadFile(Path path) throws CorpusException {
        String shown = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new CorpusException("'" + path + "' is a folder; choose a text file.");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new CorpusException("'" + shown + "' is " + size / (1024 * 1024) + " MB; the limit is "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB. Use a part of it.");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CorpusException("There is no file '" + path + "', and it is not a built-in corpus name"
                    + " (dickens, shakespeare, tang, names).");
        } catch (IOException e) {
            throw new CorpusException("'" + path + "' could not be read: " + e.getMessage() + ".", e);
        }
        String text = Corpus.normalize(decodeUtf8(bytes, shown));
        if (text.isBlank()) {
            throw new CorpusException("'" + shown + "' has no text in it (it is empty or only white space).");
        }
        return new Corpus(shown, text);
    }

    static String decodeUtf8(byte[] bytes, String shown) throws CorpusException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new CorpusException("'" + shown + "' is UTF-16 text; save it as UTF-8 and open it again.");
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new CorpusException("'" + shown + "' looks like a binary file, not text; choose a plain text file.");
            }
        }
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
