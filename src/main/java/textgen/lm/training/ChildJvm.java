package textgen.lm.training;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the app starts a JVM of its own (the training process, benchmarks): the Java that runs
 * this one, with the same classes, from a jar, {@code mvn javafx:run} or a test run alike.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The command line that runs {@code mainClass} with {@code args} in a new JVM started with {@code options}. */
    public static List<String> command(List<String> options, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same default charset as this JVM (the packaged app sets UTF-8 whatever the locale).
        command.add("-Dfile.encoding=" + System.getProperty("file.encoding"));
        command.addAll(options);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** This JVM's class path and module path, made absolute. */
    static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry).toAbsolutePath().toString());
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
