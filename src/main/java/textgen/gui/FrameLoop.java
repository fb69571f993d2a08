package textgen.gui;

import javafx.animation.AnimationTimer;

/**
 * Once per frame: hand what the engine produced to the view-models, then redraw the chart if
 * its data changed. This is the only way worker results reach the UI: never one
 * {@code runLater} per character or batch.
 */
final class FrameLoop extends AnimationTimer {

    private final AppViewModel app;
    private final DistributionChart chart;

    FrameLoop(AppViewModel app, DistributionChart chart) {
        this.app = app;
        this.chart = chart;
    }

    @Override
    public void handle(long now) {
        app.onFrame();
        chart.redrawIfDirty();
    }
}
