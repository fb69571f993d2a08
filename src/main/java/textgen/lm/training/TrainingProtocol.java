package textgen.lm.training;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import textgen.lm.EpochRecord;
import textgen.lm.io.ModelFile;

/**
 * What {@link TrainingWorker} tells the window, one JSON line per message on a channel of its
 * own (a loopback socket, see {@link TrainingProcess}): every {@link TrainingEvent}, and
 * {@link ModelReady} when a model file is ready to load. Nothing else writes there, so a line
 * that is not a valid message means something is wrong, and {@link #decode} says what.
 *
 * <p>The window's commands go the other way as single bytes: {@link #PAUSE}, {@link #RESUME},
 * {@link #CANCEL}.
 */
public final class TrainingProtocol {

    public static final byte PAUSE = 'p';
    public static final byte RESUME = 'r';
    public static final byte CANCEL = 'c';

    /** The longest message line: an epoch's samples of a word model are a few kilobytes. */
    static final int MAX_LINE_CHARS = 1 << 20;
    /** The longest text in a message (a sample, a seed, a failure's explanation). */
    private static final int MAX_TEXT = 64 * 1024;

    /** The worker wrote the model after {@code epochsTrained} epochs to {@code file}; the window may load it. */
    public record ModelReady(Path file, int epochsTrained) {
    }

    /** A line from the worker that is not a message it can send. */
    public static final class Violation extends Exception {
        Violation(String message) {
            super(message);
        }
    }

    // NaN is a real value here (Failed.suggestedLearningRate, a broken loss), so it must survive.
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(Path.class, new TypeAdapter<Path>() {
                @Override
                public void write(JsonWriter out, Path path) throws IOException {
                    out.value(path.toString());
                }

                @Override
                public Path read(JsonReader in) throws IOException {
                    return Path.of(in.nextString());
                }
            }.nullSafe()).create();

    private static final Map<String, Class<?>> KINDS = new HashMap<>();

    static {
        for (Class<?> kind : TrainingEvent.class.getPermittedSubclasses()) {
            KINDS.put(kind.getSimpleName(), kind);
        }
        KINDS.put(ModelReady.class.getSimpleName(), ModelReady.class);
    }

    private TrainingProtocol() {
    }

    /** One line (without its line end) for a {@link TrainingEvent} or a {@link ModelReady}. */
    public static String encode(Object message) {
        String kind = message.getClass().getSimpleName();
        if (KINDS.get(kind) != message.getClass()) {
            throw new IllegalArgumentException("Not a training message: " + message.getClass().getName());
        }
        JsonObject line = new JsonObject();
        line.addProperty("kind", kind);
        line.add("body", GSON.toJsonTree(message));
        return GSON.toJson(line);
    }

    /**
     * The message on {@code line}, checked field by field: numbers in their ranges, texts
     * present and of sensible length, and every path inside the folder it belongs to (a model
     * handed over in {@code jobFolder}, a checkpoint in {@code checkpointFolder}), so that the
     * window never reads or deletes a file elsewhere because a message said so.
     */
    public static Object decode(String line, Path jobFolder, Path checkpointFolder) throws Violation {
        Object message;
        try {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            JsonElement kind = json.get("kind");
            Class<?> type = kind == null || !kind.isJsonPrimitive() ? null : KINDS.get(kind.getAsString());
            JsonElement body = json.get("body");
            if (type == null || body == null || !body.isJsonObject()) {
                throw new Violation("a line that is not a training message: " + shorten(line));
            }
            message = GSON.fromJson(body, type);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | java.nio.file.InvalidPathException
                 | NumberFormatException e) {
            throw new Violation("a line that is not a training message: " + shorten(line));
        } catch (RuntimeException e) { // what a record's constructor refuses, wrapped by Gson
            throw new Violation("a message with impossible values: " + shorten(line));
        }
        check(message, jobFolder, checkpointFolder);
        return message;
    }

    private static void check(Object message, Path jobFolder, Path checkpointFolder) throws Violation {
        boolean valid;
        if (message instanceof TrainingEvent.BatchDone b) {
            valid = b.epoch() >= 1 && b.epochs() >= b.epoch() && b.batch() >= 1 && b.batchesPerEpoch() >= b.batch()
                    && finite(b.lossNats()) && finite(b.charsPerSecond()) && b.charsPerSecond() >= 0
                    && finite(b.secondsLeft()) && b.secondsLeft() >= 0;
        } else if (message instanceof TrainingEvent.LiveSample s) {
            valid = finite(s.epochs()) && s.epochs() >= 0 && finite(s.lossNats()) && finite(s.temperature())
                    && s.temperature() > 0 && text(s.seed()) && text(s.text());
        } else if (message instanceof TrainingEvent.EpochDone e) {
            valid = record(e.record()) && e.epochs() >= e.record().epoch();
        } else if (message instanceof TrainingEvent.EpochSamples s) {
            valid = s.epoch() >= 1 && text(s.seed()) && s.samples() != null
                    && s.samples().size() <= Trainer.SAMPLE_TEMPERATURES.size() && samples(s.samples());
        } else if (message instanceof TrainingEvent.CheckpointSaved c) {
            valid = c.epoch() >= 1 && inside(c.file(), checkpointFolder);
        } else if (message instanceof TrainingEvent.Finished f) {
            valid = f.epochsTrained() >= 0;
        } else if (message instanceof TrainingEvent.Failed f) {
            valid = text(f.message()) && (Double.isNaN(f.suggestedLearningRate())
                    || f.suggestedLearningRate() > 0 && f.suggestedLearningRate() < 10)
                    && (f.resumeFrom() == null || inside(f.resumeFrom(), checkpointFolder));
        } else if (message instanceof TrainingEvent.CheckpointFailed f) {
            valid = f.epoch() >= 0 && text(f.message());
        } else if (message instanceof ModelReady m) {
            valid = m.epochsTrained() >= 0 && inside(m.file(), jobFolder)
                    && m.file().getFileName().toString().matches("model-\\d+\\" + ModelFile.EXTENSION);
        } else {
            valid = false;
        }
        if (!valid) {
            throw new Violation("a message with impossible values or a file outside its folder: " + shorten(encode(message)));
        }
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
    }

    private static boolean text(String s) {
        return s != null && s.length() <= MAX_TEXT;
    }

    private static boolean record(EpochRecord r) {
        return r != null && r.epoch() >= 1 && finite(r.trainLossNats()) && r.trainLossNats() >= 0
                && (Double.isNaN(r.validationLossNats()) || finite(r.validationLossNats()) && r.validationLossNats() >= 0)
                && finite(r.seconds()) && r.seconds() >= 0;
    }

    private static boolean samples(List<TrainingEvent.Sample> samples) {
        for (TrainingEvent.Sample s : samples) {
            if (s == null || !finite(s.temperature()) || s.temperature() <= 0 || !text(s.text())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code file} names something inside {@code folder}, once {@code ..} and links in the path are resolved. */
    static boolean inside(Path file, Path folder) {
        if (file == null || folder == null) {
            return false;
        }
        Path base = folder.toAbsolutePath().normalize();
        Path path = file.toAbsolutePath().normalize();
        try {
            base = base.toRealPath();
            Path parent = path.getParent();
            if (parent != null && java.nio.file.Files.exists(parent)) {
                path = parent.toRealPath().resolve(path.getFileName());
            }
        } catch (IOException e) {
            return false;
        }
        return path.startsWith(base) && !path.equals(base);
    }

    private static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
