package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.inside.InsideViewModel;
import textgen.gui.inside.InsideViewModel.TintSource;
import textgen.gui.inside.StateHeatmap;
import textgen.gui.inside.StateTrail;
import textgen.gui.inside.TintedText;
import textgen.lm.CellState.Quantity;
import textgen.lm.JavaStepEngine;
import textgen.lm.LanguageModel;
import textgen.lm.inside.FlipFlopNetwork;
import textgen.text.CharVocabulary;

/** The Inside tab, driven as a user would: generate, click a unit, find cells, cancel. */
class InsideViewTest extends PlaygroundTestBase {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private InsideViewModel inside() {
        return app().inside();
    }

    /** Opens the tab and generates until at least {@code symbols} have arrived with their states. */
    private void generateOnInside(FxRobot robot, int symbols) throws Exception {
        waitForModel();
        robot.clickOn("#insideTab");
        robot.interact(() -> {
            app().generate().symbolsPerSecondProperty().set(400);
            app().generate().lengthProperty().set(symbols);
        });
        robot.clickOn("#insideGenerate");
        waitFor(20, () -> !app().generate().generatingProperty().get() && inside().trail().size() >= symbols);
    }

    @Test
    void generationIsRecordedOnlyWhileTheTabIsShown(FxRobot robot) throws Exception {
        waitForModel();
        robot.interact(() -> {
            app().generate().symbolsPerSecondProperty().set(400);
            app().generate().lengthProperty().set(40);
        });
        robot.clickOn("#generateButton");
        waitFor(20, () -> !app().generate().generatingProperty().get() && app().generate().surpriseCount() >= 40);
        assertEquals(0, inside().trail().size(), "no states are kept while the Inside tab is closed");

        generateOnInside(robot, 40);
        assertEquals(40, inside().trail().size());
        StateHeatmap heatmap = window.insideView().heatmap();
        waitFor(5, () -> heatmap.drawnChangeCount() == heatmap.changeCount());
        assertEquals(40, heatmap.entries().size(), "one column per symbol");
    }

    @Test
    void clickingAUnitTintsTheTextByIt(FxRobot robot) throws Exception {
        generateOnInside(robot, 60);
        StateHeatmap heatmap = window.insideView().heatmap();
        TintedText text = window.insideView().tintedText();
        assertTrue(fx(() -> text.tintOf(text.size() - 1)).equals(Color.WHITE), "untinted before a unit is chosen");

        Bounds b = heatmap.localToScreen(heatmap.getBoundsInLocal());
        robot.clickOn(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() * 0.3);
        int unit = inside().selectedUnitProperty().get();
        assertTrue(unit >= 0, "a click on a row chooses its unit");
        waitFor(5, () -> text.drawnChangeCount() == text.changeCount());

        // Each drawn symbol's tint is the unit's value there, on the blue-white-red scale.
        List<StateTrail.Entry> trail = inside().trail().entries();
        int tinted = 0;
        for (int i = text.first(); i < text.first() + text.shownCount(); i++) {
            int index = i;
            float value = trail.get(index).state().cell()[0][unit];
            Color tint = fx(() -> text.tintOf(index));
            if (Math.abs(value) > 0.2) {
                assertEquals(value > 0, tint.getRed() > tint.getBlue(), "symbol " + i + " value " + value + " tint " + tint);
                tinted++;
            }
        }
        assertTrue(tinted > 0, "some symbols are clearly tinted");
        assertTrue(text.shownCount() > 0);
        assertEquals(trail.size() - 1, text.first() + text.shownCount() - 1, "the newest symbol is in view");

        // Hovering a symbol shows every unit's value there.
        Bounds t = text.localToScreen(text.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(t.getMinX() + 11, t.getMinY() + 12));
        assertEquals(text.first(), text.hoveredProperty().get(), "the pointer is on the first symbol shown");
        float[] values = window.insideView().unitValues().values();
        assertEquals(java.util.Arrays.toString(trail.get(text.first()).state().cell()[0]), java.util.Arrays.toString(values));
    }

    @Test
    void findCellsFinishesListsUnitsAndOneClickTintsThePassage(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#insideTab");
        robot.clickOn("#findCells");
        waitFor(60, () -> inside().foundProperty().get() != null && !inside().findingProperty().get());
        var result = inside().foundProperty().get();
        assertEquals(InsideViewModel.PASSAGE_SYMBOLS, result.symbols().size());
        Pane findings = robot.lookup("#findings").queryAs(Pane.class);
        List<Button> units = new ArrayList<>(robot.from(findings).lookup(".button").queryAllAs(Button.class));
        assertTrue(units.size() >= 5, "best units are listed: " + units.size());
        assertTrue(units.get(0).getText().matches("\\d+ {2}r = [+-]0\\.\\d\\d"), units.get(0).getText());

        robot.clickOn(units.get(0));
        assertEquals(TintSource.PASSAGE, inside().tintSourceProperty().get());
        int unit = Integer.parseInt(units.get(0).getText().split(" ")[0]);
        assertEquals(unit, inside().selectedUnitProperty().get());
        TintedText text = window.insideView().tintedText();
        assertEquals(result.symbols().size(), text.size(), "the passage is what is tinted now");
        waitFor(5, () -> text.drawnChangeCount() == text.changeCount());
        int first = text.first();
        robot.clickOn("#passageLater");
        waitFor(5, () -> text.drawnChangeCount() == text.changeCount());
        assertTrue(text.first() > first, "Later pages on through the passage");

        // Choosing another quantity tints the latest text again: the passage holds only what was analysed.
        robot.interact(() -> inside().quantityProperty().set(Quantity.FORGET_GATE));
        assertEquals(TintSource.TRAIL, inside().tintSourceProperty().get());
    }

    @Test
    void cancellingFindCellsLeavesNothingHalfDone(FxRobot robot) throws Exception {
        waitForModel();
        robot.clickOn("#insideTab");
        // Keep the file lane busy so that Find cells waits its turn and the cancel comes first.
        CountDownLatch release = new CountDownLatch(1);
        app().engine().tasks().supply(Lane.FILES, () -> {
            release.await();
            return null;
        });
        robot.clickOn("#findCells");
        assertTrue(inside().findingProperty().get());
        assertTrue(shown(robot.lookup("#cancelFindCells").queryButton()));
        robot.clickOn("#cancelFindCells");
        release.countDown();
        waitFor(20, () -> !inside().findingProperty().get());
        assertNull(inside().foundProperty().get());
        assertEquals("Find cells was cancelled.", inside().findStatusProperty().get());
        assertFalse(shown(robot.lookup("#cancelFindCells").queryButton()));
        assertNull(app().problemProperty().get(), "a cancel is not a problem");

        // And it can run again afterwards.
        robot.clickOn("#findCells");
        waitFor(60, () -> inside().foundProperty().get() != null);
    }

    /** Whether the node and all its parents are visible. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theHeatmapShowsTheQuoteUnitRedInsideQuotesAndBlueOutside() throws Exception {
        LanguageModel model = FlipFlopNetwork.build();
        CharVocabulary vocabulary = (CharVocabulary) model.vocabulary();
        JavaStepEngine engine = new JavaStepEngine(model.snapshotWeights(), 1);
        engine.setRecording(true);
        String text = FlipFlopNetwork.TEXT.substring(0, 120);
        List<StateTrail.Entry> entries = new ArrayList<>();
        for (int cp : text.codePoints().toArray()) {
            engine.step(new int[] {vocabulary.indexOf(cp)});
            entries.add(new StateTrail.Entry(Character.toString(cp), engine.lastState()));
        }
        StateHeatmap heatmap = fx(StateHeatmap::new);
        fx(() -> {
            heatmap.show(entries, 0, Quantity.CELL, 0);
            return null;
        });
        List<StateTrail.Entry> shown = heatmap.entries();
        assertEquals(StateHeatmap.COLUMNS, shown.size(), "the latest columns");
        double[] quotes = textgen.text.TextFeatures.DOUBLE_QUOTES.of(entries.stream().map(StateTrail.Entry::text).toList());
        int offset = entries.size() - shown.size();
        int inside = 0;
        for (int column = 0; column < shown.size(); column++) {
            Color color = heatmap.cellColor(column, 0);
            boolean quoted = quotes[offset + column] > 0;
            inside += quoted ? 1 : 0;
            assertEquals(quoted, color.getRed() > 0.6 && color.getBlue() < 0.3, "column " + column + " " + color);
            assertEquals(!quoted, color.getBlue() > 0.6 && color.getRed() < 0.3, "column " + column + " " + color);
        }
        assertNotEquals(0, inside);
    }
}
