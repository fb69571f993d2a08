package textgen;

import textgen.cli.TextGenCommand;

/**
 * The entry point of the jar and of {@code mvn javafx:run}. It does not extend
 * {@code Application}: DL4J is not a Java module, so JavaFX is started from the classpath.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(TextGenCommand.run(args));
    }
}
