package textgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the layering of DESIGN.md: gui and cli over lm over text over sampling; nothing below
 * gui knows JavaFX, nothing in sampling or text knows DL4J. Read from the sources' imports.
 */
class ArchitectureTest {

    /** For each layer, the import prefixes it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "sampling", List.of("textgen.", "org.deeplearning4j", "org.nd4j", "javafx", "org.controlsfx", "com.google.gson"),
            "text", List.of("textgen.lm", "textgen.gui", "textgen.cli", "org.deeplearning4j", "org.nd4j", "javafx", "org.controlsfx"),
            "lm", List.of("textgen.gui", "textgen.cli", "javafx", "org.controlsfx", "picocli"),
            "cli", List.of("textgen.gui", "javafx", "org.controlsfx"));

    @Test
    void layersOnlyImportWhatTheyMay() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/textgen");
        for (var layer : FORBIDDEN.entrySet()) {
            Path dir = root.resolve(layer.getKey());
            assertTrue(Files.isDirectory(dir), dir + " exists");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String trimmed = line.strip();
                        if (!trimmed.startsWith("import ")) {
                            continue;
                        }
                        String imported = trimmed.substring(7).replace("static ", "");
                        for (String prefix : layer.getValue()) {
                            boolean ownLayer = imported.startsWith("textgen." + layer.getKey() + ".");
                            if (imported.startsWith(prefix) && !ownLayer) {
                                violations.add(file + " imports " + imported);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
