package textgen.gui;

import javafx.animation.AnimationTimer;
import textgen.gui.charts.CanvasChart;

/**
 * Once per frame: hand what the engine produced to the view-models, then redraw the charts whose
 * data changed. This is the only way worker results reach the UI: never one
 * {@code runLater} per character or batch.
 */
final class FrameLoop extends AnimationTimer {

    private final AppViewModel app;
    private final java.util.List<CanvasChart> charts;

    FrameLoop(AppViewModel app, java.util.List<CanvasChart> charts) {
        this.app = app;
        this.charts = charts;
    }

    @Override
    public void handle(long now) {
        app.onFrame();
        for (CanvasChart chart : charts) {
            chart.redrawIfDirty();
        }
    }
}
