package textgen.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes word vectors in the word2vec text format that {@link WordVectorReader} reads, atomically. */
public final class WordVectorWriter {

    private WordVectorWriter() {
    }

    public static void write(WordVectors vectors, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(vectors.words().size() + " " + vectors.dimension() + "\n");
            for (int i = 0; i < vectors.words().size(); i++) {
                String word = vectors.words().get(i);
                if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                    continue; // the format cannot hold a word with a space or line break in it
                }
                StringBuilder line = new StringBuilder(word);
                for (float v : vectors.vector(i)) {
                    line.append(' ').append(String.format(Locale.ROOT, "%.5f", v));
                }
                writer.write(line.append('\n').toString());
            }
            writer.flush();
        });
    }
}
