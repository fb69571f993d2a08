package textgen.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import textgen.gui.train.TrainViewModel;

/**
 * Opens the real window (headless, Monocle) on the built-in English model, with preferences
 * and checkpoints kept apart from the user's.
 */
@ExtendWith(ApplicationExtension.class)
abstract class PlaygroundTestBase {

    protected MainWindow window;
    protected Stage stage;
    protected static Path home;

    @BeforeAll
    static void isolate() throws Exception {
        home = Files.createTempDirectory("textgen-gui-test");
        System.setProperty("textgen.home", home.toString());
        System.setProperty("textgen.prefs", "textgen-playground-test-" + ProcessHandle.current().pid());
        Platform.setImplicitExit(false);
    }

    /** Leaves no preferences node and no home folder (checkpoints and all) behind. */
    @org.junit.jupiter.api.AfterAll
    static void forgetSettings() throws Exception {
        java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot().node(System.getProperty("textgen.prefs"));
        node.removeNode();
        java.util.prefs.Preferences.userRoot().flush();
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Each test class calls this from its own {@code @Start} method (TestFX looks only there). */
    protected void open(Stage stage) {
        this.stage = stage;
        try {
            // Every test starts as a first run: nothing remembered from the test before.
            java.util.prefs.Preferences.userRoot().node(System.getProperty("textgen.prefs")).clear();
        } catch (java.util.prefs.BackingStoreException e) {
            throw new IllegalStateException(e);
        }
        window = PlaygroundApp.open(stage, null);
    }

    @AfterEach
    void closeEngine() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.shutdown()).get(5, TimeUnit.SECONDS);
    }

    protected AppViewModel app() {
        return window.app();
    }

    protected void waitForModel() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app().generate().modelReadyProperty().get()
                && window.generateView().chart().getData() != null);
    }

    /**
     * Writes {@code text} to {@code fileName} in the test's home, opens the Train tab, chooses the
     * file as the corpus with {@code settings} applied, and waits until it is read.
     */
    protected void chooseTrainingText(FxRobot robot, String fileName, String text, Consumer<TrainViewModel> settings)
            throws Exception {
        Path file = Files.writeString(home.resolve(fileName), text);
        robot.clickOn("#trainTab");
        robot.interact(() -> {
            app().train().chooseCorpus(file);
            settings.accept(app().train());
        });
        waitFor(10, () -> app().train().corpusProperty().get() != null
                && app().train().corpusProperty().get().name().equals(fileName));
    }

    protected static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    protected static <T> T fx(java.util.concurrent.Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(5, TimeUnit.SECONDS);
    }

    protected FxRobot robot() {
        return new FxRobot();
    }
}
