package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

class CloseWhileTrainingTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void closingMidTrainingAsksThenEndsTheWorkersWithinTwoSeconds(FxRobot robot) throws Exception {
        waitForModel();
        chooseTrainingText(robot, "long.txt", "a long enough text to train on for a while. ".repeat(400), train -> {
            train.unitsProperty().set(32);
            train.epochsProperty().set(200);
        });
        robot.clickOn("#trainButton");
        waitFor(30, () -> !app().train().losses().batches().isEmpty());
        assertTrue(app().engine().training().isTraining());
        assertTrue(ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive), "training runs in its own process");

        // Not robot.interact: the close handler's confirmation dialog blocks until it is answered.
        javafx.application.Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(5, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().contains("Training is still running"));
        long asked = System.nanoTime();
        robot.clickOn((Button) dialog.lookupButton(ButtonType.OK));
        waitFor(3, () -> !workerAlive());
        double seconds = (System.nanoTime() - asked) / 1e9;
        assertTrue(seconds < 2.5, "workers ended after " + seconds + " s");
        assertFalse(app().engine().training().isTraining());
    }

    /** A worker thread, or the training process, still running. */
    private static boolean workerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && (t.getName().equals("textgen-network") || t.getName().equals("textgen-generation")))
                || ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive);
    }
}
