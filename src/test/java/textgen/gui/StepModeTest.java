package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import textgen.gui.step.StepChart;
import textgen.gui.step.StepViewModel;
import textgen.gui.step.StrategiesChart;
import textgen.gui.step.Strategy;
import textgen.sampling.Distributions;

/** The step-by-step teaching view, driven through its buttons. */
class StepModeTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private StepViewModel step() {
        return app().step();
    }

    @Test
    void nextAppendsExactlyOneCharacterAndTheDieRollLiesInItsSegment(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#teachTab");
        robot.clickOn("#stepReset");
        for (int i = 0; i < 20; i++) {
            String before = step().textProperty().get();
            robot.clickOn("#stepNext");
            String after = step().textProperty().get();
            assertEquals(before.codePointCount(0, before.length()) + 1, after.codePointCount(0, after.length()));
            assertTrue(after.startsWith(before));
            StepViewModel.Step s = step().lastStepProperty().get();
            double[] segment = StepChart.segments(s.sampled())[s.chosen()];
            assertTrue(s.roll() >= segment[0] && s.roll() < segment[1],
                    "u = " + s.roll() + " in [" + segment[0] + ", " + segment[1] + ")");
            assertEquals(after.substring(before.length()), s.vocabulary().symbol(s.chosen()));
        }
        assertNotNull(fx(() -> window.teachView().stepChart().getStep()));
    }

    @Test
    void backRestoresThePreviousState(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#teachTab");
        robot.clickOn("#stepReset");
        robot.clickOn("#stepNext");
        String text = step().textProperty().get();
        double[] next = step().nextProperty().get().clone();
        StepViewModel.Step last = step().lastStepProperty().get();
        robot.clickOn("#stepNext");
        robot.clickOn("#stepNext");
        robot.clickOn("#stepBack");
        robot.clickOn("#stepBack");
        assertEquals(text, step().textProperty().get());
        assertArrayEquals(next, step().nextProperty().get(), 0, "the network state came back too");
        assertEquals(last, step().lastStepProperty().get());
        // Going forward from the restored state uses the restored network state.
        robot.clickOn("#stepNext");
        assertArrayEquals(next, step().lastStepProperty().get().raw(), 0);
    }

    @Test
    void topKOfOneAndGreedyPickTheSameCharacter(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#teachTab");
        robot.clickOn("#stepReset");
        robot.clickOn("#strategy-TOP_K");
        robot.interact(() -> step().topKProperty().set(1));
        StrategiesChart chart = window.teachView().strategiesChart();
        for (int i = 0; i < 10; i++) {
            double[] greedy = fx(() -> chart.distribution(Strategy.GREEDY));
            double[] topOne = fx(() -> chart.distribution(Strategy.TOP_K));
            assertEquals(Distributions.argmax(greedy), Distributions.argmax(topOne));
            assertEquals(1.0, topOne[Distributions.argmax(topOne)], 1e-12);
            robot.clickOn("#stepNext");
            StepViewModel.Step s = step().lastStepProperty().get();
            assertEquals(Distributions.argmax(s.raw()), s.chosen(), "top-1 always takes the likeliest");
        }
    }

    @Test
    void topPKeepsTheSmallestSetWhoseMassReachesP(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#teachTab");
        robot.clickOn("#stepReset");
        robot.clickOn("#strategy-TOP_P");
        for (double p : new double[] {0.3, 0.6, 0.9}) {
            robot.interact(() -> {
                step().topPProperty().set(p);
                step().temperatureProperty().set(1.0);
            });
            double[] raw = step().nextProperty().get();
            double[] kept = fx(() -> window.teachView().strategiesChart().distribution(Strategy.TOP_P));
            int[] ranked = Distributions.rankDescending(raw);
            int keptCount = (int) Arrays.stream(kept).filter(v -> v > 0).count();
            double mass = 0;
            for (int r = 0; r < keptCount; r++) {
                assertTrue(kept[ranked[r]] > 0, "the kept ones are the likeliest");
                mass += raw[ranked[r]];
            }
            assertTrue(mass >= p - 1e-9, "kept mass " + mass + " reaches " + p);
            assertTrue(mass - raw[ranked[keptCount - 1]] < p, "one fewer would not reach " + p);
        }
    }
}
