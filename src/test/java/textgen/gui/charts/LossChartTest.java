package textgen.gui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import textgen.gui.train.LossHistory;

@ExtendWith(ApplicationExtension.class)
class LossChartTest {

    private final LossHistory history = new LossHistory();
    private LossChart chart;

    @Start
    void start(Stage stage) {
        chart = new LossChart(history);
        stage.setScene(new Scene(chart, 600, 300));
        stage.show();
    }

    /** Seen in the window: a second run showed the first run's validation line squeezed into its first epoch. */
    @Test
    void aNewRunShowsNoneOfThePreviousRunsValidationLine(FxRobot robot) {
        robot.interact(() -> {
            for (int b = 0; b <= 300; b++) {
                history.addBatchLoss(b / 100.0, 3 - b / 200.0);
            }
            history.addValidationLoss(1, 1.6);
            history.addValidationLoss(2, 1.5);
            history.addValidationLoss(3, 1.44);
            history.publish();
        });
        robot.interact(() -> { });
        assertEquals(3, chart.validationPointCount());
        assertTrue(chart.validationLineVisible());

        robot.interact(() -> {
            history.clear("character");
            history.addBatchLoss(0.01, 4.3);
            history.addBatchLoss(0.02, 4.1);
            history.publish();
        });
        robot.interact(() -> { });
        assertEquals(0, chart.validationPointCount());
        assertFalse(chart.validationLineVisible(), "the old line is not left on screen");

        robot.interact(() -> {
            history.addValidationLoss(1, 1.58);
            history.addValidationLoss(2, 1.49);
            history.publish();
        });
        robot.interact(() -> { });
        assertTrue(chart.validationLineVisible(), "the new run's line is drawn");
    }

    @Test
    void whileHiddenItLeavesThePointsInTheHistoryAndTakesThemWhenShown(FxRobot robot) {
        robot.interact(() -> {
            chart.setShown(false);
            for (int b = 0; b < 50; b++) {
                history.addBatchLoss(b / 100.0, 4 - b / 50.0);
            }
            history.addValidationLoss(1, 1.7);
            history.publish();
        });
        assertEquals(0, chart.trainPointCount(), "nothing is laid out while hidden");
        robot.interact(() -> chart.setShown(true));
        assertEquals(50, chart.trainPointCount());
        assertEquals(1, chart.validationPointCount());
    }

    @Test
    void aRunThatStartedWhileHiddenReplacesTheOneShownBefore(FxRobot robot) {
        robot.interact(() -> {
            for (int b = 0; b < 30; b++) {
                history.addBatchLoss(b / 100.0, 4.0);
            }
            history.addValidationLoss(1, 2.0);
            history.publish();
            chart.setShown(false);
            history.clear("character");
            for (int b = 0; b < 80; b++) { // longer than the run the chart saw
                history.addBatchLoss(b / 100.0, 3.0);
            }
            history.addValidationLoss(1, 1.5);
            history.publish();
            chart.setShown(true);
        });
        assertEquals(80, chart.trainPointCount());
        assertEquals(3.0, chart.trainValue(0), "the curve starts with the new run, not the old one");
        assertEquals(1, chart.validationPointCount());
        assertEquals(1.5, chart.validationValue(0), "the new run's validation loss");
    }
}
