package textgen.lm.training;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import textgen.lm.NetworkConfig;
import textgen.lm.WordSetup;
import textgen.text.Corpus;
import textgen.text.WordVectors;

/**
 * A training run as the window hands it to {@link TrainingWorker}: what to train on, how, and
 * where its checkpoints go. It travels as files in a folder, because the corpus and the word
 * vectors are too large for a command line.
 *
 * @param config the new network's shape, or null when resuming
 * @param epochs the epochs the model should have when the run ends
 * @param checkpointFolder where the run's rotating checkpoints (and a crash report, if any) go
 * @param checkpointName the checkpoints' file name stem
 * @param words the word-level setup, or null to train over characters (or when resuming)
 * @param resumeFrom a model file to go on training, or null to start a new model
 */
public record TrainingJob(Corpus corpus, NetworkConfig config, int epochs, Path checkpointFolder, String checkpointName,
                          WordSetup words, Path resumeFrom) {

    /** A new model. */
    public TrainingJob(Corpus corpus, NetworkConfig config, int epochs, Path checkpointFolder, String checkpointName,
                       WordSetup words) {
        this(corpus, config, epochs, checkpointFolder, checkpointName, words, null);
    }

    /** Goes on training {@code model} on {@code corpus} until it has {@code epochs} epochs. */
    public static TrainingJob resume(Corpus corpus, Path model, int epochs, Path checkpointFolder, String checkpointName) {
        return new TrainingJob(corpus, null, epochs, checkpointFolder, checkpointName, null, model);
    }

    private static final String JOB_FILE = "job.json";
    private static final String CORPUS_FILE = "corpus.txt";
    private static final String VECTORS_FILE = "vectors.bin";

    /** The settings, as job.json holds them; the corpus text and the vectors have files of their own. */
    private record Settings(String corpusName, String corpusNote, NetworkConfig config, int epochs,
                            String checkpointFolder, String checkpointName, boolean wordLevel, int maxWords,
                            boolean frozen, String resumeFrom) {
    }

    /** Writes the job into {@code folder}, which must exist. */
    public void writeTo(Path folder) throws IOException {
        Files.writeString(folder.resolve(CORPUS_FILE), corpus.text(), StandardCharsets.UTF_8);
        if (words != null) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(VECTORS_FILE)))) {
                writeVectors(words.vectors(), new DataOutputStream(out));
            }
        }
        Settings settings = new Settings(corpus.name(), corpus.note(), config, epochs, checkpointFolder.toString(),
                checkpointName, words != null, words == null ? 0 : words.maxWords(), words != null && words.frozen(),
                resumeFrom == null ? null : resumeFrom.toString());
        Files.writeString(folder.resolve(JOB_FILE), new Gson().toJson(settings), StandardCharsets.UTF_8);
    }

    /** Reads a job that {@link #writeTo} wrote. */
    public static TrainingJob readFrom(Path folder) throws IOException {
        Settings settings;
        try {
            settings = new Gson().fromJson(Files.readString(folder.resolve(JOB_FILE), StandardCharsets.UTF_8), Settings.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException("The training job in " + folder + " is damaged: " + e.getMessage(), e);
        }
        Corpus corpus = new Corpus(settings.corpusName(), Files.readString(folder.resolve(CORPUS_FILE), StandardCharsets.UTF_8),
                settings.corpusNote());
        WordSetup words = null;
        if (settings.wordLevel()) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(folder.resolve(VECTORS_FILE)))) {
                words = new WordSetup(readVectors(new DataInputStream(in)), settings.maxWords(), settings.frozen());
            }
        }
        return new TrainingJob(corpus, settings.config(), settings.epochs(), Path.of(settings.checkpointFolder()),
                settings.checkpointName(), words, settings.resumeFrom() == null ? null : Path.of(settings.resumeFrom()));
    }

    // The vectors go as raw float32, so the worker's model starts from exactly the values loaded here.

    private static void writeVectors(WordVectors vectors, DataOutputStream out) throws IOException {
        writeString(out, vectors.name());
        out.writeInt(vectors.dimension());
        out.writeLong(vectors.wordsInFile());
        out.writeLong(vectors.malformedLines());
        writeStrings(out, vectors.problems());
        writeStrings(out, vectors.words());
        for (float v : vectors.values()) {
            out.writeFloat(v);
        }
        out.flush();
    }

    private static WordVectors readVectors(DataInputStream in) throws IOException {
        String name = readString(in);
        int dimension = in.readInt();
        long wordsInFile = in.readLong();
        long malformedLines = in.readLong();
        List<String> problems = readStrings(in);
        List<String> words = readStrings(in);
        float[] values = new float[Math.multiplyExact(words.size(), dimension)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return new WordVectors(name, dimension, words, values, wordsInFile, malformedLines, problems);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    // Not writeUTF: that caps a string at 64 KB.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
