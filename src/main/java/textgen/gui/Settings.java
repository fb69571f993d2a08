package textgen.gui;

import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: the last model, seed and temperature. Kept in the
 * user's Java preferences; tests point {@code textgen.prefs} at a node of their own.
 */
final class Settings {

    static final String BUILT_IN_PREFIX = "builtin:";

    private final Preferences node;

    Settings() {
        this.node = Preferences.userRoot().node(System.getProperty("textgen.prefs", "textgen-playground"));
    }

    /** {@code builtin:ENGLISH} or a file path; null if none was remembered. */
    String lastModel() {
        return node.get("lastModel", null);
    }

    void setLastModel(String model) {
        node.put("lastModel", model);
    }

    String seed(String fallback) {
        return node.get("seed", fallback);
    }

    void setSeed(String seed) {
        node.put("seed", seed.length() > 2000 ? seed.substring(0, 2000) : seed);
    }

    double temperature(double fallback) {
        return node.getDouble("temperature", fallback);
    }

    void setTemperature(double t) {
        node.putDouble("temperature", t);
    }

    /** Where training writes its per-epoch checkpoints. */
    static Path checkpointDirectory() {
        return Path.of(System.getProperty("textgen.home", Path.of(System.getProperty("user.home"), ".textgen").toString()))
                .resolve("checkpoints");
    }

    void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Not remembering settings is no reason to bother the user.
        }
    }
}
