package textgen;

import javafx.application.Application;
import textgen.cli.TextGenCommand;
import textgen.gui.PlaygroundApp;
import textgen.gui.UiBenchmark;
import textgen.lm.DeserializationGuard;
import textgen.lm.io.ModelFile;

/**
 * The entry point of the jar and of {@code mvn javafx:run}. It does not extend
 * {@code Application}: DL4J is not a Java module, so JavaFX is started from the classpath.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * No arguments opens the window; a model file alone opens the window on it (as a desktop
     * does when a model is double-clicked); anything else is a command (see {@code --help}).
     */
    public static void main(String[] args) {
        // Model files are shared; nothing in this app needs Java deserialization, so none may run.
        DeserializationGuard.install();
        if (args.length == 0 || args.length == 1 && args[0].endsWith(ModelFile.EXTENSION)) {
            Application.launch(PlaygroundApp.class, args);
            return;
        }
        if (args[0].equals("bench-ui")) {
            UiBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(TextGenCommand.run(args));
    }
}
