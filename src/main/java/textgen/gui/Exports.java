package textgen.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import textgen.sampling.TemperatureScale;
import textgen.text.AtomicFiles;

/** Saving what the window shows for a lesson: the generated text, and charts as PNG images. */
final class Exports {

    private Exports() {
    }

    /** The seed and generated text, with the model, corpus, seed and temperature in a short header. */
    static void writeText(Path file, String model, String corpus, String seed, double temperature, String generated)
            throws IOException {
        String text = String.format(Locale.ROOT, "# TextGen Playground%n# model: %s (corpus %s)%n# seed: %s%n# temperature: %s%n%n%s%s%n",
                model, corpus, seed.replace("\n", "\\n"), TemperatureScale.format(temperature), seed, generated);
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A PNG of {@code node} as it is drawn now, at its on-screen size. Call on the JavaFX thread. */
    static void writePng(Path file, Node node) throws IOException {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.WHITE);
        WritableImage image = node.snapshot(parameters, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
