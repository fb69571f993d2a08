package textgen.lm.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import textgen.lm.Embedding;
import textgen.lm.EpochRecord;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.NetworkFactory;
import textgen.text.AtomicFiles;
import textgen.text.CharVocabulary;
import textgen.text.Vocabulary;
import textgen.text.WordVocabulary;

/**
 * The model file: a zip holding a manifest with the format version and level (characters or
 * words), the configuration, the vocabulary, the loss history, the weights and the optimiser
 * state (so training can resume); a word model also records the vectors it began from.
 *
 * <p>It is our own format on purpose. Weights are raw little-endian floats read into a network
 * built from the configuration, so loading never deserialises Java objects and never extracts
 * entries to disk; every entry is read with a size cap.
 */
public final class ModelFile {

    public static final String FORMAT = "textgen-model";
    public static final int FORMAT_VERSION = 1;
    /** The usual file-name ending. */
    public static final String EXTENSION = ".tgm";

    static final String MANIFEST = "manifest.json";
    static final String CONFIG = "config.json";
    static final String VOCABULARY = "vocabulary.tsv";
    static final String HISTORY = "history.json";
    static final String PARAMETERS = "parameters.bin";
    static final String UPDATER = "updater.bin";
    /** Word models only: the vectors their input layer began from. */
    static final String EMBEDDING = "embedding.json";

    private static final long MAX_TEXT_ENTRY = 16L * 1024 * 1024;
    static final String CHAR = "char";
    static final String WORD = "word";
    /** 100 million weights (400 MB): far beyond any character model this app trains. */
    static final long MAX_PARAMETERS = 100_000_000L;

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();

    private ModelFile() {
    }

    /** What the manifest records. */
    record Manifest(String format, int formatVersion, String level, String corpus, long parameterCount) {
    }

    /**
     * Writes {@code model} to {@code file} atomically: to a temporary file beside it, then moved
     * over it, so a failure leaves any previous file intact.
     */
    public static void save(LanguageModel model, Path file) throws IOException {
        save(model, file, true);
    }

    /**
     * Writes {@code model} to {@code file}; without the optimiser state the file is about half
     * the size, but training cannot resume from it exactly.
     */
    public static void save(LanguageModel model, Path file, boolean withOptimizerState) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(out));
            MultiLayerNetwork network = model.network();
            writeText(zip, MANIFEST, GSON.toJson(new Manifest(FORMAT, FORMAT_VERSION, model.isWordLevel() ? WORD : CHAR,
                    model.corpusName(), network.numParams())));
            writeText(zip, CONFIG, GSON.toJson(model.config()));
            if (model.embedding() != null) {
                writeText(zip, EMBEDDING, GSON.toJson(model.embedding()));
            }
            zip.putNextEntry(new ZipEntry(VOCABULARY));
            Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            if (model.vocabulary() instanceof WordVocabulary words) {
                words.write(writer);
            } else {
                ((CharVocabulary) model.vocabulary()).write(writer);
            }
            writer.flush();
            zip.closeEntry();
            writeText(zip, HISTORY, GSON.toJson(model.history()));
            writeFloats(zip, PARAMETERS, network.params());
            INDArray updater = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
            if (updater != null && withOptimizerState) {
                writeFloats(zip, UPDATER, updater);
            }
            zip.finish();
            zip.flush();
        });
    }

    /**
     * Reads a model file. Every entry is checked, and the weights are read and proven finite,
     * before the network is built: a file cannot make the app allocate more than its own bytes
     * and the network its configuration describes, and that only once it is known to hold it.
     */
    public static LanguageModel load(Path file) throws ModelFileException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new ModelFileException("'" + file + "' is a folder, not a model file.");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ModelFileException("'" + file + "' is not a file but a device, pipe or socket, so it cannot be a model file.");
        }
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            requireOnlyKnownEntries(zip, name);
            Manifest manifest = parse(zip, MANIFEST, Manifest.class, name);
            if (manifest == null || !FORMAT.equals(manifest.format())) {
                throw new ModelFileException("'" + name + "' is a zip file, but not a TextGen model.");
            }
            if (manifest.formatVersion() > FORMAT_VERSION) {
                throw new ModelFileException("'" + name + "' was saved by a newer version of TextGen Playground (format "
                        + manifest.formatVersion() + "); this version reads format " + FORMAT_VERSION + " and older. Update the app to open it.");
            }
            if (manifest.formatVersion() < 1 || !(CHAR.equals(manifest.level()) || WORD.equals(manifest.level()))) {
                throw new ModelFileException("'" + name + "' is a kind of model this version cannot open"
                        + " (format " + manifest.formatVersion() + ", level " + manifest.level() + ").");
            }
            NetworkConfig config = parse(zip, CONFIG, NetworkConfig.class, name);
            if (config == null) {
                throw damaged(name, "its configuration is empty");
            }
            boolean words = WORD.equals(manifest.level());
            Embedding embedding = null;
            if (words) {
                embedding = parse(zip, EMBEDDING, Embedding.class, name);
                if (embedding == null) {
                    throw damaged(name, "its word-vector description is empty");
                }
            }
            Vocabulary vocabulary;
            try (BufferedReader reader = new BufferedReader(new StringReader(readText(zip, VOCABULARY, name)))) {
                vocabulary = words ? WordVocabulary.read(reader) : CharVocabulary.read(reader);
            } catch (IOException e) {
                throw damaged(name, e.getMessage());
            }
            if (vocabulary.size() < 2) {
                throw damaged(name, "its vocabulary has " + vocabulary.size() + " symbol" + (vocabulary.size() == 1 ? "" : "s")
                        + ", and a model needs at least two to predict anything");
            }
            List<EpochRecord> history = readHistory(zip, name);
            // The network's size, from the configuration alone: nothing is built until the file has proven it.
            long expectedParams = NetworkFactory.parameterCount(config, vocabulary.size(),
                    embedding == null ? 0 : embedding.dimension());
            if (expectedParams != manifest.parameterCount()) {
                throw damaged(name, "its configuration and " + vocabulary.size() + "-symbol vocabulary need "
                        + expectedParams + " weights, but it says it has " + manifest.parameterCount());
            }
            if (expectedParams > MAX_PARAMETERS) {
                throw new ModelFileException("'" + name + "' describes a network of " + expectedParams
                        + " weights, more than this app opens (" + MAX_PARAMETERS + ").");
            }
            float[] params = readFloats(zip, PARAMETERS, name, expectedParams, "weights");
            float[] state = null;
            if (zip.getEntry(UPDATER) != null) {
                state = readFloats(zip, UPDATER, name, NetworkFactory.updaterStateSize(config, vocabulary.size(), embedding),
                        "optimiser state");
            }
            MultiLayerNetwork network = NetworkFactory.build(config, vocabulary.size(), embedding);
            network.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
            if (state != null) {
                network.getUpdater().getStateViewArray().assign(Nd4j.create(state, new long[] {1, state.length}, 'c'));
            }
            return new LanguageModel(network, vocabulary, config, manifest.corpus(), history, embedding);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("There is no model file '" + file + "'.");
        } catch (ZipException e) {
            throw new ModelFileException("'" + name + "' is not a TextGen model file: it is not a zip archive,"
                    + " or it is damaged or incomplete.");
        } catch (JsonParseException e) {
            throw damaged(name, "one of its descriptions is not valid JSON");
        } catch (IOException e) {
            throw new ModelFileException("'" + name + "' could not be read: " + e.getMessage() + ".", e);
        }
    }

    /** The loss history: one record per epoch, numbered upwards, with losses a model can have. */
    private static List<EpochRecord> readHistory(ZipFile zip, String name) throws IOException, ModelFileException {
        List<EpochRecord> history;
        try {
            history = GSON.fromJson(readText(zip, HISTORY, name), new TypeToken<List<EpochRecord>>() { }.getType());
        } catch (RuntimeException e) { // Gson lets a malformed number through as NumberFormatException
            throw damaged(name, "its history is not valid JSON");
        }
        if (history == null) {
            return List.of();
        }
        int previous = 0;
        for (EpochRecord record : history) {
            if (record == null) {
                throw damaged(name, "its history has an empty entry");
            }
            boolean valid = record.epoch() > previous
                    && Double.isFinite(record.trainLossNats()) && record.trainLossNats() >= 0
                    // NaN: the epoch had no held-out text to measure
                    && (Double.isNaN(record.validationLossNats()) || Double.isFinite(record.validationLossNats())
                    && record.validationLossNats() >= 0)
                    && Double.isFinite(record.seconds()) && record.seconds() >= 0;
            if (!valid) {
                throw damaged(name, "its history's entry for epoch " + record.epoch() + " is not one training can write");
            }
            previous = record.epoch();
        }
        return history;
    }

    /** Reads a model from a stream (such as a built-in model on the classpath) via a temporary file. */
    public static LanguageModel load(InputStream in, String name) throws ModelFileException {
        Path temp = null;
        try {
            temp = Files.createTempFile("textgen-", EXTENSION);
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return load(temp);
        } catch (IOException e) {
            throw new ModelFileException("The model '" + name + "' could not be read: " + e.getMessage() + ".", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless.
                }
            }
        }
    }

    private static final java.util.Set<String> ENTRIES = java.util.Set.of(MANIFEST, CONFIG, VOCABULARY, HISTORY, PARAMETERS, UPDATER,
            EMBEDDING);

    /** All entries together, as their headers declare them: the most weights and optimiser state, and the text entries. */
    static final long MAX_TOTAL_BYTES = 2 * MAX_PARAMETERS * Float.BYTES + 5 * MAX_TEXT_ENTRY;

    /**
     * A model file holds our entries, each once, and nothing else: an entry we did not write
     * (another program's zip, a path such as {@code ../x}) means it is not ours, and is never
     * read. Together they may not claim more than {@link #MAX_TOTAL_BYTES}.
     */
    private static void requireOnlyKnownEntries(ZipFile zip, String name) throws ModelFileException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        long declared = 0;
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry zipEntry = entries.nextElement();
            String entry = zipEntry.getName();
            if (!ENTRIES.contains(entry)) {
                throw damaged(name, "it holds an entry '" + (entry.length() > 60 ? entry.substring(0, 60) + "…" : entry)
                        + "' that a TextGen model does not have");
            }
            if (!seen.add(entry)) {
                throw damaged(name, "it holds the entry " + entry + " twice");
            }
            declared += Math.max(0, zipEntry.getSize());
        }
        if (declared > MAX_TOTAL_BYTES) {
            throw damaged(name, "its entries claim " + declared / (1 << 20) + " MB, more than a model this app opens can hold");
        }
    }

    private static void requireFinite(float[] values, String name, String what) throws ModelFileException {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw damaged(name, "its " + what + " hold values that are not numbers (NaN or infinite)");
            }
        }
    }

    private static ModelFileException damaged(String name, String why) {
        return new ModelFileException("'" + name + "' is damaged or not a TextGen model: " + why + ".");
    }

    /** Reads a JSON entry into a record; what the record's constructor refuses makes the file damaged. */
    private static <T> T parse(ZipFile zip, String entry, Class<T> type, String name) throws IOException, ModelFileException {
        String text = readText(zip, entry, name);
        try {
            return GSON.fromJson(text, type);
        } catch (JsonParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson wraps what a record's constructor refuses (a window of 0 characters, say).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw damaged(name, "its " + entry + " is invalid"
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\.$", "")));
        }
    }

    private static String readText(ZipFile zip, String entry, String name) throws IOException, ModelFileException {
        return new String(readEntry(zip, entry, name, MAX_TEXT_ENTRY), StandardCharsets.UTF_8);
    }

    /** Reads a whole entry into memory, refusing to read past {@code limit} whatever its header claims. */
    private static byte[] readEntry(ZipFile zip, String entry, String name, long limit) throws IOException, ModelFileException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new ModelFileException("'" + name + "' is not a complete TextGen model: it has no " + entry + ".");
        }
        try (InputStream in = zip.getInputStream(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw damaged(name, "its entry " + entry + " is larger than it can be");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads exactly {@code count} finite floats from an entry: its header must declare that many
     * bytes, and no more are read whatever it holds.
     */
    private static float[] readFloats(ZipFile zip, String entry, String name, long count, String what)
            throws IOException, ModelFileException {
        long bytes = count * Float.BYTES;
        ZipEntry zipEntry = zip.getEntry(entry);
        if (zipEntry != null && zipEntry.getSize() >= 0 && zipEntry.getSize() != bytes) {
            throw damaged(name, "its " + what + " take " + zipEntry.getSize() + " bytes, but its network needs " + bytes);
        }
        byte[] read = readEntry(zip, entry, name, bytes);
        if (read.length != bytes) {
            throw damaged(name, "its " + what + " are cut short");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(read).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        requireFinite(values, name, what);
        return values;
    }

    private static void writeText(ZipOutputStream zip, String entry, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void writeFloats(ZipOutputStream zip, String entry, INDArray array) throws IOException {
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(buffer.array());
        zip.closeEntry();
    }
}
