package textgen.gui.charts;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A chart drawn on a {@link Canvas}, redrawn at most once per frame: changes only mark it
 * dirty, and the frame loop calls {@link #redrawIfDirty}. Measured headless on 2 cores, a
 * {@code BarChart} of 80 bars costs 20-50 ms a frame, a canvas 3-4 ms.
 */
public abstract class CanvasChart extends Region {

    /** The charts' shared palette (GitHub Primer colours, like the AtlantaFX theme). */
    protected static final Color TEXT = Color.web("#1f2328");
    protected static final Color GRID = Color.web("#d0d7de");
    protected static final Color ACCENT = Color.web("#0969da");
    protected static final Color HIGHLIGHT = Color.web("#d1242f");

    private final Canvas canvas = new Canvas();
    private boolean dirty = true;
    private long redraws;
    private long changes; // markDirty calls so far
    private long drawnChanges; // the changes the canvas shows

    protected CanvasChart() {
        getChildren().add(canvas);
        widthProperty().addListener((o, a, b) -> markDirty());
        heightProperty().addListener((o, a, b) -> markDirty());
    }

    /** Asks for a redraw at the next frame. */
    protected final void markDirty() {
        dirty = true;
        changes++;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    /** Redraws if anything changed since the last frame; returns whether it drew. */
    public final boolean redrawIfDirty() {
        if (!dirty || !isShowing()) {
            return false; // a chart on a hidden tab is drawn when it is shown
        }
        dirty = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        draw(g, canvas.getWidth(), canvas.getHeight());
        redraws++;
        drawnChanges = changes;
        return true;
    }

    private boolean isShowing() {
        if (getScene() == null) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A label short enough for a bar: a word over seven characters is cut with an ellipsis. */
    protected static String shortLabel(String label) {
        return label.codePointCount(0, label.length()) <= 7 ? label : label.substring(0, label.offsetByCodePoints(0, 6)) + "…";
    }

    /** A centred message in place of the chart, such as "appears when a model is loaded". */
    protected static void drawMessage(GraphicsContext g, double w, double h, String message) {
        g.setFill(TEXT);
        g.setFont(javafx.scene.text.Font.font(16));
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        g.fillText(message, w / 2, h / 2);
    }

    /** Draws the whole chart on a cleared canvas of the given size. */
    protected abstract void draw(GraphicsContext g, double width, double height);

    /** How many changes were asked for so far (each marks the chart dirty). */
    public final long changeCount() {
        return changes;
    }

    /**
     * How many of the changes the canvas shows: once it reaches a {@link #changeCount()} read
     * after a change, that change has been drawn (an earlier draw does not count).
     */
    public final long drawnChangeCount() {
        return drawnChanges;
    }

    /** How many times the canvas was drawn; for tests and the responsiveness benchmark. */
    public final long redrawCount() {
        return redraws;
    }
}
