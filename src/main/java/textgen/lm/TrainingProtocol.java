package textgen.lm;

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
import java.util.Map;

/**
 * What {@link TrainingWorker} tells the window, one line per message on its standard output:
 * every {@link TrainingEvent}, and {@link ModelReady} when a model file is ready to load. Lines
 * carry a prefix, so anything else a library prints there is told apart and ignored.
 *
 * <p>The window's commands go the other way as single bytes: {@link #PAUSE}, {@link #RESUME},
 * {@link #CANCEL}.
 */
public final class TrainingProtocol {

    public static final byte PAUSE = 'p';
    public static final byte RESUME = 'r';
    public static final byte CANCEL = 'c';

    private static final String PREFIX = "textgen-training ";

    /** The worker wrote the model after {@code epochsTrained} epochs to {@code file}; the window may load it. */
    public record ModelReady(Path file, int epochsTrained) {
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
        return PREFIX + GSON.toJson(line);
    }

    /** The message on {@code line}, or null if the line is not one (something else printed it). */
    public static Object decode(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        try {
            JsonObject json = JsonParser.parseString(line.substring(PREFIX.length())).getAsJsonObject();
            Class<?> kind = KINDS.get(json.get("kind").getAsString());
            JsonElement body = json.get("body");
            return kind == null || body == null ? null : GSON.fromJson(body, kind);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            return null;
        }
    }
}
