package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import textgen.gui.generate.SymbolChoice;
import textgen.sampling.TemperatureScale;

/** The window under rough use: odd input, hammered controls, and work started while training runs. */
class HardeningTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void typedTemperaturesWithoutMeaningAreRefusedAndTheChartStaysValid(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#preset-0_5");
        for (String typed : List.of("0", "-1", "NaN", "Infinity", "abc", "1e309", "")) {
            robot.doubleClickOn("#temperatureField").eraseText(12).write(typed).type(KeyCode.ENTER);
            assertEquals(0.5, app().generate().temperatureProperty().get(), 1e-12, "'" + typed + "' changed nothing");
            assertTrue(robot.lookup("#temperatureField").queryAs(TextField.class).getStyleClass().contains("invalid"),
                    "'" + typed + "' is marked as not a temperature");
            assertValidChart();
        }
        robot.type(KeyCode.ESCAPE);
        robot.doubleClickOn("#temperatureField").eraseText(12).write("2.5").type(KeyCode.ENTER);
        assertEquals(2.5, app().generate().temperatureProperty().get(), 1e-12);
        assertFalse(robot.lookup("#temperatureField").queryAs(TextField.class).getStyleClass().contains("invalid"));
        assertValidChart();
    }

    @Test
    void emptyAndUnknownSeedsStillGenerate(FxRobot robot) throws Exception {
        waitForModel();
        for (String seed : List.of("", "ЖЖЖ ЖЖЖ")) {
            robot.interact(() -> {
                app().generate().seedProperty().set(seed);
                app().generate().lengthProperty().set(40);
                app().generate().symbolsPerSecondProperty().set(0);
                app().generate().generate();
            });
            waitFor(10, () -> fx(() -> window.generateView().textView().symbolCount()) >= 40);
            assertValidChart();
        }
        waitFor(5, () -> app().generate().seedWarningProperty().get() != null);
        assertTrue(app().generate().seedWarningProperty().get().contains("'Ж'"), app().generate().seedWarningProperty().get());
    }

    @Test
    void hammeringGenerateAndStopLeavesAWorkingWindow(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> app().generate().symbolsPerSecondProperty().set(0));
        for (int i = 0; i < 100; i++) {
            robot.interact(() -> {
                app().generate().generate();
                app().generate().stop();
            });
        }
        for (int i = 0; i < 10; i++) {
            robot.push(KeyCode.CONTROL, KeyCode.G).push(KeyCode.ESCAPE);
        }
        assertFalse(app().generate().generatingProperty().get());
        robot.interact(() -> app().generate().lengthProperty().set(200));
        robot.clickOn("#generateButton");
        waitFor(10, () -> !app().generate().generatingProperty().get()
                && fx(() -> window.generateView().textView().symbolCount()) == 200);
        String text = fx(() -> window.generateView().textView().generatedText());
        assertEquals(200, text.codePointCount(0, text.length()), "only the last generation's text is shown");
        assertValidChart();
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("textgen-")).count();
        assertTrue(workers <= 2, workers + " worker threads");
    }

    /**
     * While a model trains: the slider is dragged to both ends again and again, generation runs,
     * and opening another model is refused. Every frame's chart is a valid distribution.
     */
    @Test
    void duringTrainingTheSliderAndGenerationWorkAndOpeningAModelIsRefused(FxRobot robot) throws Exception {
        waitForModel();
        chooseTrainingText(robot, "long.txt", "a text to train on while the slider moves. ".repeat(300), train -> {
            train.unitsProperty().set(24);
            train.epochsProperty().set(50);
        });
        robot.clickOn("#trainButton");
        waitFor(30, () -> !app().train().losses().batches().isEmpty());

        Boolean opened = fx(() -> app().openModel(home.resolve("long.txt"))).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(opened);
        waitFor(5, () -> window.messages().isShowing());
        assertTrue(window.messages().getText().contains("Stop the training"), window.messages().getText());
        assertTrue(app().engine().training().isTraining(), "training goes on");

        robot.clickOn("#generateTab");
        robot.interact(() -> app().generate().symbolsPerSecondProperty().set(100));
        robot.clickOn("#generateButton");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double t = i % 2 == 0 ? TemperatureScale.MIN : TemperatureScale.MAX;
            robot.interact(() -> window.generateView().temperatureSlider().slider()
                    .setValue(TemperatureScale.position(t)));
            robot.sleep(30);
            String problem = fx(HardeningTest.this::chartProblem);
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(fx(() -> window.generateView().textView().symbolCount()) > 0, "text streamed while training");
        robot.clickOn("#stopButton");
        robot.interact(() -> app().train().stop());
        waitFor(10, () -> !app().train().trainingProperty().get());
    }

    @Test
    void trainingThatExplodesStopsAndOffersALowerLearningRate(FxRobot robot) throws Exception {
        waitForModel();
        chooseTrainingText(robot, "explode.txt", "a text to train on while the slider moves. ".repeat(300), train -> {
            train.unitsProperty().set(24);
            train.learningRateProperty().set(1.0); // far too high for RMSprop
        });
        robot.clickOn("#trainButton");
        // Generous: a loaded machine starts the training process slowly, and it runs at a low priority.
        waitFor(90, () -> !app().train().trainingProperty().get() && window.messages().isShowing());
        assertTrue(window.messages().getText().contains("exploded"), window.messages().getText());
        javafx.scene.control.Button retry = robot.lookup("#messageAction").queryButton();
        assertTrue(retry.isVisible());
        assertEquals("Train again at 0.33", retry.getText());
        robot.clickOn(retry);
        assertEquals(1.0 / 3, app().train().learningRateProperty().get(), 1e-12);
        assertEquals(1.0 / 3, ((javafx.scene.control.Spinner<?>) robot.lookup("#learningRateSpinner").query()).getValue());
        assertTrue(app().train().trainingProperty().get(), "training started again");
        robot.interact(() -> app().train().stop());
        waitFor(10, () -> !app().train().trainingProperty().get());
    }

    /** Train pressed while the chosen corpus is still being read (Ctrl+T right after start-up) trains on it once it is read. */
    @Test
    void trainPressedWhileTheCorpusIsReadStartsOnceItIsRead(FxRobot robot) throws Exception {
        waitForModel();
        Path text = Files.writeString(home.resolve("early.txt"), "a text chosen and trained at once. ".repeat(300));
        robot.interact(() -> {
            app().train().unitsProperty().set(16);
            app().train().chooseCorpus(text);
            app().train().start(); // the text is not read yet
        });
        assertFalse(window.messages().isShowing(), "no 'choose a corpus first': " + window.messages().getText());
        waitFor(30, () -> app().train().trainingProperty().get());
        assertEquals("Training on early.txt…", app().statusProperty().get(), "trains the text chosen, not the one before");
        robot.interact(() -> app().train().stop());
        waitFor(30, () -> !app().train().trainingProperty().get());
    }

    /**
     * A corpus that cannot be read (a pipe that never ends, a path that is not one) is reported
     * in the banner, the previous choice stays, and Train pressed meanwhile does not wait for it.
     */
    @Test
    void aCorpusThatCannotBeReadIsReportedAndTrainDoesNotWaitForIt(FxRobot robot) throws Exception {
        chooseTrainingText(robot, "good.txt", "a corpus that reads fine.\n".repeat(40), train -> { });
        Path fifo = home.resolve("pipe.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String bad : List.of(fifo.toString(), "/dev/zero", "bad\u0000name.txt")) {
            List<java.util.concurrent.CompletableFuture<Boolean>> reading = new ArrayList<>();
            robot.interact(() -> {
                reading.add(app().train().chooseCorpus(bad));
                app().train().start(); // Train pressed while it is read: it waits for this corpus, not the last
            });
            var shown = reading.get(0);
            assertFalse(shown.get(10, java.util.concurrent.TimeUnit.SECONDS), bad + " is refused");
            waitFor(5, () -> fx(() -> window.messages().isShowing()));
            assertTrue(fx(() -> window.messages().getText()).contains("could not be read")
                    || fx(() -> window.messages().getText()).contains("not a file"), fx(() -> window.messages().getText()));
            assertFalse(fx(() -> window.messages().getText()).contains("Exception"), "no exception names: " + bad);
            assertEquals("good.txt", app().train().corpusProperty().get().name(), "the previous choice stays");
            assertTrue(fx(() -> app().train().corpusInfoProperty().get()).startsWith("good.txt"), "no stuck 'Reading…'");
            assertFalse(app().train().trainingProperty().get(), "Train did not start on a corpus that failed");
            assertFalse(fx(() -> app().train().progressTextProperty().get()).startsWith("Reading"), "no stuck 'Reading the corpus…'");
            robot.interact(() -> window.messages().hide());
        }
    }

    /** A training process that dies mid-run (here killed, as a native crash would end it) leaves the window working and offers to go on. */
    @Test
    void aTrainingProcessThatDiesIsReportedAndResumesFromItsCheckpoint(FxRobot robot) throws Exception {
        waitForModel();
        chooseTrainingText(robot, "resume.txt", "a text to train on, then to crash and go on. ".repeat(300), train -> {
            train.unitsProperty().set(16);
            train.epochsProperty().set(4);
        });
        robot.clickOn("#trainButton");
        waitFor(60, () -> checkpoints("resume.txt").size() >= 1);
        app().engine().training().process().kill();

        waitFor(30, () -> !app().train().trainingProperty().get() && window.messages().isShowing());
        assertTrue(window.messages().getText().contains("The training process stopped unexpectedly"), window.messages().getText());
        assertTrue(app().generate().modelReadyProperty().get(), "the last epoch's model is ready to generate from");
        javafx.scene.control.Button resume = robot.lookup("#messageAction").queryButton();
        assertEquals("Resume from the last checkpoint", resume.getText());
        robot.clickOn(resume);
        assertTrue(app().train().trainingProperty().get(), "training went on");
        waitFor(120, () -> !app().train().trainingProperty().get());
        assertEquals("Finished 4 epochs.", app().train().progressTextProperty().get());
        assertTrue(checkpoints("resume.txt").stream().anyMatch(f -> f.getFileName().toString().equals("resume.txt-epoch-004.tgm")),
                "the resumed run wrote its checkpoints beside the first: " + checkpoints("resume.txt"));
    }

    /** The checkpoints of every run on {@code corpus} so far. */
    private static List<Path> checkpoints(String corpus) throws java.io.IOException {
        Path root = home.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith(corpus + "-epoch-")).toList();
        }
    }

    private void assertValidChart() throws Exception {
        String problem = fx(this::chartProblem);
        assertTrue(problem == null, problem);
    }

    /** Why the chart's data is not a pair of valid distributions, or null if it is. */
    private String chartProblem() {
        SymbolChoice data = window.generateView().chart().getData();
        if (data == null) {
            return "no chart data";
        }
        for (double[] d : new double[][] {data.raw(), data.sampled()}) {
            assertNotNull(d);
            if (d.length != data.vocabulary().size()) {
                return "a distribution of " + d.length + " values for " + data.vocabulary().size() + " symbols";
            }
            double sum = 0;
            for (double p : d) {
                if (!(p >= 0 && p <= 1)) {
                    return "a probability of " + p;
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                return "probabilities summing to " + sum;
            }
        }
        return null;
    }
}
