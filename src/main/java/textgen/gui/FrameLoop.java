package textgen.gui;

import javafx.animation.AnimationTimer;

/**
 * Once per frame: hand what the engine produced to the view-models, then redraw the chart if
 * its data changed. This is the only way results reach the UI; it also records the gaps
 * between frames for the responsiveness benchmark.
 */
final class FrameLoop extends AnimationTimer {

    private final AppViewModel app;
    private final DistributionChart chart;
    private long lastPulse;
    private long longestGapNanos;
    private long pulses;
    private Runnable afterFrame = () -> { };

    FrameLoop(AppViewModel app, DistributionChart chart) {
        this.app = app;
        this.chart = chart;
    }

    @Override
    public void handle(long now) {
        if (lastPulse != 0) {
            longestGapNanos = Math.max(longestGapNanos, now - lastPulse);
        }
        lastPulse = now;
        pulses++;
        app.onFrame();
        chart.redrawIfDirty();
        afterFrame.run();
    }

    /** Runs after every frame's work; the benchmark hooks in here. */
    void setAfterFrame(Runnable action) {
        this.afterFrame = action;
    }

    long pulses() {
        return pulses;
    }

    /** The longest gap between two frames since the last reset, in milliseconds. */
    double longestGapMillis() {
        return longestGapNanos / 1e6;
    }

    void resetGaps() {
        longestGapNanos = 0;
        lastPulse = 0;
    }
}
