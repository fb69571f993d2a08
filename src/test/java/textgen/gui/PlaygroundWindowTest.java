package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import textgen.gui.charts.DistributionChart;
import textgen.gui.charts.TemperatureSweepChart;
import textgen.gui.generate.SymbolChoice;
import textgen.lm.GeneratedSymbol;
import textgen.sampling.TemperatureScale;

/** Drives the real window the way a user would. */
class PlaygroundWindowTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void opensOnTheBuiltInEnglishModelWithItsNameInTheTitle() throws Exception {
        waitForModel();
        assertTrue(stage.getTitle().contains("Dickens"), stage.getTitle());
        assertTrue(stage.getTitle().contains("dickens"), "corpus shown: " + stage.getTitle());
    }

    @Test
    void theChineseModelIsOneClickAwayAndGetsASeedItCanRead(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> app().generate().seedProperty().set("The old man "));
        assertTrue(fx(() -> app().loadBuiltIn(textgen.gui.engine.BuiltInModel.CHINESE)).get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(stage.getTitle().startsWith("Tang poems"), stage.getTitle());
        assertEquals(textgen.gui.engine.BuiltInModel.CHINESE.defaultSeed(), app().generate().seedProperty().get());
        robot.clickOn("#generateButton");
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 0);
        robot.clickOn("#stopButton");
        assertTrue(fx(() -> app().loadBuiltIn(textgen.gui.engine.BuiltInModel.ENGLISH)).get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(textgen.gui.engine.BuiltInModel.ENGLISH.defaultSeed(), app().generate().seedProperty().get());
    }

    @Test
    void theSliderMovedByKeyboardChangesTheChart(FxRobot robot) throws Exception {
        waitForModel();
        Slider slider = window.generateView().temperatureSlider().slider();
        robot.interact(() -> app().generate().temperatureProperty().set(0.5));
        double coldEntropy = fx(() -> window.generateView().chart().getSampledEntropyBits());
        robot.clickOn(slider);
        robot.interact(slider::requestFocus);
        double before = app().generate().temperatureProperty().get();
        robot.type(KeyCode.RIGHT, 15);
        double after = app().generate().temperatureProperty().get();
        assertTrue(after > before, "right arrow raises T: " + before + " -> " + after);
        long change = fx(() -> window.generateView().chart().changeCount());
        waitFor(5, () -> fx(() -> window.generateView().chart().drawnChangeCount()) >= change); // this change, drawn
        double hotEntropy = fx(() -> window.generateView().chart().getSampledEntropyBits());
        assertTrue(hotEntropy > coldEntropy, "entropy rises with T: " + coldEntropy + " -> " + hotEntropy);
        SymbolChoice drawn = fx(() -> window.generateView().chart().getData());
        org.junit.jupiter.api.Assertions.assertArrayEquals(textgen.sampling.Sampler.withTemperature(after).distribution(drawn.raw()),
                drawn.sampled(), 1e-12, "the chart shows the new temperature's distribution");
        robot.type(KeyCode.LEFT, 30);
        assertTrue(app().generate().temperatureProperty().get() < before);
        assertTrue(fx(() -> window.generateView().chart().getSampledEntropyBits()) < hotEntropy);
    }

    @Test
    void theSliderDraggedChangesTheChart(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> app().generate().temperatureProperty().set(0.2));
        double cold = fx(() -> window.generateView().chart().getSampledEntropyBits());
        Node thumb = robot.lookup("#temperatureSlider .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(250, 0).drop();
        double t = app().generate().temperatureProperty().get();
        assertTrue(t > 0.5, "dragging right raised T to " + t);
        long change = fx(() -> window.generateView().chart().changeCount());
        waitFor(5, () -> fx(() -> window.generateView().chart().drawnChangeCount()) >= change);
        assertTrue(fx(() -> window.generateView().chart().getSampledEntropyBits()) > cold);
        assertEquals(TemperatureScale.format(t), robot.lookup("#temperatureField").queryTextInputControl().getText());
    }

    @Test
    void theEntropySweepRisesWithTemperatureAndItsMarkerFollowsTheSlider(FxRobot robot) throws Exception {
        waitForModel();
        TemperatureSweepChart sweep = window.generateView().sweep();
        robot.clickOn("Entropy vs T");
        double[] entropies = fx(sweep::entropies);
        assertEquals(TemperatureSweepChart.POINTS, entropies.length);
        for (int i = 1; i < entropies.length; i++) {
            assertTrue(entropies[i] >= entropies[i - 1] - 1e-9, "entropy rises with T at point " + i);
        }
        assertTrue(entropies[entropies.length - 1] > entropies[0] + 1, "from near 0 bits to several");
        robot.clickOn("#preset-0_5");
        assertEquals(0.5, fx(sweep::marker), 1e-12);
        Node thumb = robot.lookup("#temperatureSlider .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(120, 0).drop();
        assertEquals(app().generate().temperatureProperty().get(), fx(sweep::marker), 1e-12);
        long change = fx(sweep::changeCount);
        waitFor(5, () -> fx(sweep::drawnChangeCount) >= change); // the marker's move, drawn
    }

    @Test
    void typingATemperatureMovesTheSlider(FxRobot robot) throws Exception {
        waitForModel();
        robot.doubleClickOn("#temperatureField").eraseText(6).write("1.2").type(KeyCode.ENTER);
        assertEquals(1.2, app().generate().temperatureProperty().get(), 1e-9);
        assertEquals(TemperatureScale.position(1.2), window.generateView().temperatureSlider().slider().getValue(), 1e-9);
        robot.clickOn("#preset-0_2");
        assertEquals(0.2, app().generate().temperatureProperty().get(), 1e-9);
    }

    @Test
    void generatePutsTextInTheViewAndStopStopsIt(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> app().generate().symbolsPerSecondProperty().set(200));
        robot.clickOn("#generateButton");
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 20);
        robot.clickOn("#stopButton");
        // Once nothing generates and nothing waits in the queue, no more text can arrive.
        waitFor(5, () -> !app().engine().generation().isGenerating() && app().engine().generation().backlog() == 0);
        int stopped = fx(() -> window.generateView().textView().symbolCount());
        WaitForAsyncUtils.waitForFxEvents(); // the frames after it
        assertEquals(stopped, fx(() -> window.generateView().textView().symbolCount()), "no text after Stop");
        assertFalse(app().generate().generatingProperty().get());
        String text = fx(() -> window.generateView().textView().generatedText());
        assertEquals(stopped, text.codePointCount(0, text.length()));
    }

    @Test
    void clickingAGeneratedCharacterShowsItsDistribution(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> app().generate().symbolsPerSecondProperty().set(400));
        robot.interact(() -> app().generate().lengthProperty().set(40));
        robot.clickOn("#generateButton");
        waitFor(10, () -> !app().generate().generatingProperty().get()
                && fx(() -> window.generateView().textView().symbolCount()) == 40);
        Text fifth = fx(() -> window.generateView().textView().symbolNodes().get(5));
        GeneratedSymbol c = (GeneratedSymbol) fifth.getUserData();
        robot.clickOn(fifth);
        SymbolChoice shown = fx(() -> window.generateView().chart().getData());
        assertEquals(c.index(), shown.chosen());
        assertSame(c.networkDistribution(), shown.raw());
        assertSame(c, app().generate().focusedProperty().get());
    }

    @Test
    void lowTemperaturesGiveLessSurprisingText(FxRobot robot) throws Exception {
        waitForModel();
        double cold = surpriseAt(robot, 0.2);
        double hot = surpriseAt(robot, 1.5);
        assertTrue(cold < hot, "surprise at T=0.2 " + cold + " < at T=1.5 " + hot);
        assertTrue(robot.lookup("#surpriseReadout").queryLabeled().getText().startsWith("Surprise so far: "));
    }

    private double surpriseAt(FxRobot robot, double t) throws Exception {
        robot.interact(() -> {
            app().generate().temperatureProperty().set(t);
            app().generate().symbolsPerSecondProperty().set(0); // as fast as it goes
            app().generate().lengthProperty().set(300);
        });
        robot.clickOn("#generateButton");
        waitFor(20, () -> !app().generate().generatingProperty().get() && app().generate().surpriseCount() == 300);
        return app().generate().surpriseBitsProperty().get();
    }

    @Test
    void exportsTheTextAndTheChartsForALesson(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> {
            app().generate().symbolsPerSecondProperty().set(0);
            app().generate().lengthProperty().set(80);
            app().generate().temperatureProperty().set(0.5);
        });
        robot.clickOn("#generateButton");
        waitFor(10, () -> !app().generate().generatingProperty().get()
                && fx(() -> window.generateView().textView().symbolCount()) == 80);

        Path text = home.resolve("lesson.txt");
        fx(() -> {
            window.exportText(text);
            return null;
        });
        String saved = Files.readString(text);
        String generated = fx(() -> window.generateView().textView().generatedText());
        assertTrue(saved.contains("# temperature: 0.5"), saved);
        assertTrue(saved.contains("# seed: " + app().generate().seedProperty().get()), saved);
        assertTrue(saved.endsWith(app().generate().seedProperty().get() + generated + System.lineSeparator()), saved);

        Path chart = home.resolve("chart.png");
        fx(() -> {
            window.exportChartPng(chart);
            return null;
        });
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.toFile());
        DistributionChart shown = window.generateView().chart();
        assertEquals(Math.round(shown.getWidth()), image.getWidth(), 1);
        assertEquals(Math.round(shown.getHeight()), image.getHeight(), 1);

        robot.clickOn("#compareTab");
        Path comparison = home.resolve("comparison.png");
        fx(() -> {
            window.exportComparisonPng(comparison);
            return null;
        });
        java.awt.image.BufferedImage columns = javax.imageio.ImageIO.read(comparison.toFile());
        assertTrue(columns.getWidth() > 400 && columns.getHeight() > 200, columns.getWidth() + "x" + columns.getHeight());
    }

    @Test
    void keyboardShortcutGenerates(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#seedField");
        robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 0);
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> !app().generate().generatingProperty().get());
    }

    @Test
    void aBadCorpusFileGivesAMessageAndTheWindowStillWorks(FxRobot robot) throws Exception {
        waitForModel();
        Path latin1 = Files.write(home.resolve("latin1.txt"), "café crème".getBytes(StandardCharsets.ISO_8859_1));
        robot.clickOn("#trainTab");
        waitFor(10, () -> app().train().corpusProperty().get() != null); // the preselected Dickens
        robot.interact(() -> app().train().chooseCorpus(latin1));
        waitFor(10, () -> window.messages().isShowing());
        assertTrue(window.messages().getText().contains("not UTF-8"), window.messages().getText());
        assertTrue(robot.lookup("#corpusInfo").queryLabeled().getText().startsWith("dickens"),
                "the previous choice stays: " + robot.lookup("#corpusInfo").queryLabeled().getText());
        robot.clickOn("#generateTab");
        robot.clickOn("#generateButton");
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 0);
        robot.clickOn("#stopButton");
    }

    @Test
    void aBadModelFileGivesAMessageAndTheLoadedModelStays(FxRobot robot) throws Exception {
        waitForModel();
        String title = stage.getTitle();
        Path junk = Files.writeString(home.resolve("junk.tgm"), "this is not a model");
        boolean opened = fx(() -> app().openModel(junk)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(opened);
        waitFor(5, () -> window.messages().isShowing());
        assertTrue(window.messages().getText().contains("is not a TextGen model file"), window.messages().getText());
        assertEquals(title, stage.getTitle(), "the model in use did not change");
        robot.clickOn("#closeMessage");
        assertFalse(window.messages().isShowing());
        robot.clickOn("#generateButton");
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 0);
        robot.clickOn("#stopButton");
    }

    @Test
    void trainingOnATinyCorpusAddsLossPointsAndEpochSamples(FxRobot robot) throws Exception {
        waitForModel();
        chooseTrainingText(robot, "tiny.txt", "the cat sat on the mat. ".repeat(60), train -> {
            train.unitsProperty().set(16);
            train.sequenceLengthProperty().set(20);
            train.batchSizeProperty().set(8);
            train.epochsProperty().set(2);
        });
        assertTrue(robot.lookup("#corpusInfo").queryLabeled().getText().contains("1,440 characters"));
        robot.clickOn("#trainButton");
        waitFor(60, () -> !app().train().trainingProperty().get() && !app().train().samples().isEmpty()
                && app().train().samples().size() == 2);
        assertTrue(!app().train().losses().batches().isEmpty());
        assertEquals(2, app().train().losses().validations().size());
        assertEquals(2, app().train().samples().get(0).epoch(), "newest epoch first");
        assertTrue(stage.getTitle().startsWith("* "), "unsaved training shows in the title: " + stage.getTitle());
        assertTrue(stage.getTitle().contains("tiny.txt"), stage.getTitle());
        try (var dirs = Files.list(home.resolve("checkpoints"))) {
            Path run = dirs.findFirst().orElseThrow();
            assertTrue(Files.exists(run.resolve("tiny.txt-epoch-002.tgm")), run.toString());
        }
        // The trained model is used for generation at once.
        robot.clickOn("#generateTab");
        robot.clickOn("#generateButton");
        waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) > 0);
        String text = fx(() -> window.generateView().textView().generatedText());
        assertTrue(text.chars().allMatch(ch -> "the cat sat on mat.".indexOf(ch) >= 0), text);
        assertNotNull(app().engine().models().current());
        robot.clickOn("#stopButton");

        // Saving clears the unsaved mark and writes a model file that opens again.
        Path saved = home.resolve("saved.tgm");
        fx(() -> app().saveModel(saved)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        waitFor(5, () -> !stage.getTitle().startsWith("* "));
        assertTrue(stage.getTitle().startsWith("saved.tgm"), stage.getTitle());
        assertEquals(2, textgen.lm.io.ModelFile.load(saved).epochsTrained());
    }
}
