package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import textgen.gui.generate.SymbolChoice;
import textgen.text.WordVocabulary;

/** Word level in the window: the built-in vectors, training, generation and a chart of words. */
class WordLevelTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theTangPoemsTrainWordByWordFromTheBuiltInVectorsAndTheChartShowsWords(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#trainTab");
        robot.interact(() -> app().train().chooseCorpus("tang"));
        waitFor(10, () -> app().train().corpusProperty().get() != null && app().train().corpusProperty().get().name().equals("tang"));
        robot.clickOn("#wordLevel");
        waitFor(20, () -> app().train().vectors().vectorsProperty().get() != null);
        String info = robot.lookup("#vectorsInfo").queryLabeled().getText();
        assertTrue(info.contains("vectors of dimension 32") && info.contains("distinct words of tang"), info);
        robot.interact(() -> {
            app().train().unitsProperty().set(24);
            app().train().sequenceLengthProperty().set(20);
            app().train().batchSizeProperty().set(32);
            app().train().epochsProperty().set(1);
        });
        robot.interact(() -> app().train().start()); // the button may be scrolled out of view
        waitFor(90, () -> !app().train().trainingProperty().get() && app().train().samples().size() == 1);
        assertEquals("word", app().train().samples().get(0).unit());

        robot.clickOn("#generateTab");
        robot.interact(() -> {
            app().generate().seedProperty().set("床前明月光，");
            app().generate().lengthProperty().set(30);
            app().generate().symbolsPerSecondProperty().set(0);
        });
        robot.clickOn("#generateButton");
        waitFor(20, () -> fx(() -> window.generateView().textView().symbolCount()) >= 30);
        SymbolChoice data = fx(() -> window.generateView().chart().getData());
        WordVocabulary words = assertInstanceOf(WordVocabulary.class, data.vocabulary());
        assertEquals(data.raw().length, words.size());
        assertEquals("word", app().generate().unitProperty().get());
        assertTrue(robot.lookup("#surpriseReadout").queryLabeled().getText().contains("per word"));

        // Step by step teaches in words too: the button, the chart's title and the explanations.
        robot.clickOn("#teachTab");
        assertEquals("_Next word", robot.lookup("#stepNext").queryButton().getText());
        List<String> texts = fx(() -> robot.lookup("#explanations .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList());
        assertTrue(texts.stream().anyMatch(t -> t.contains("gives every word a probability")), String.join("\n", texts));
        assertTrue(texts.stream().noneMatch(t -> t.contains("character")), "no characters in: " + String.join("\n", texts));
        assertTrue(robot.lookup(".section-title").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().equals("The next word, as each strategy would draw it")));
    }

    /** A large vectors file read and cancelled at once: nothing is loaded, the window says so, and it can read again. */
    @Test
    void readingAVectorsFileCanBeCancelled(FxRobot robot) throws Exception {
        waitForModel();
        Path file = home.resolve("big.vec");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 400_000; i++) {
                out.write("w" + i + " 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8\n");
            }
        }
        robot.clickOn("#trainTab");
        robot.interact(() -> app().train().chooseCorpus("names"));
        waitFor(10, () -> app().train().corpusProperty().get() != null && app().train().corpusProperty().get().name().equals("names"));
        robot.interact(() -> {
            app().train().loadVectors(file.toString());
            app().train().vectors().cancel();
        });
        waitFor(10, () -> !app().train().vectors().readingProperty().get());
        assertNull(app().train().vectors().vectorsProperty().get());
        assertEquals("Reading the vectors was cancelled.", robot.lookup("#vectorsInfo").queryLabeled().getText());
        assertFalse(window.messages().isShowing(), "a cancel is not an error");

        robot.interact(() -> app().train().loadVectors(file.toString()));
        waitFor(20, () -> app().train().vectors().vectorsProperty().get() != null);
        assertTrue(robot.lookup("#vectorsInfo").queryLabeled().getText().contains("400,000 vectors of dimension 8"),
                robot.lookup("#vectorsInfo").queryLabeled().getText());
    }

    @Test
    void aFileThatIsNotVectorsGivesAMessage(FxRobot robot) throws Exception {
        waitForModel();
        Path prose = Files.writeString(home.resolve("prose.txt"), "It was the best of times, it was the worst of times.\n");
        robot.clickOn("#trainTab");
        waitFor(10, () -> app().train().corpusProperty().get() != null);
        robot.interact(() -> app().train().loadVectors(prose.toString()));
        waitFor(10, () -> window.messages().isShowing());
        assertTrue(window.messages().getText().contains("not a word-vectors text file"), window.messages().getText());
        assertNull(app().train().vectors().vectorsProperty().get());
    }
}
