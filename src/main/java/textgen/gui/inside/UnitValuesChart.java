package textgen.gui.inside;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.lm.CellState.Quantity;

/**
 * Every unit's value after one symbol: one bar per unit, up for positive and down for negative,
 * coloured as the heatmap colours it, the selected unit marked. It answers "what does the whole
 * layer hold here?" for the symbol under the pointer.
 */
public final class UnitValuesChart extends CanvasChart {

    private static final double LEFT = 44;
    private static final double RIGHT = 8;
    private static final double TOP = 20;
    private static final double BOTTOM = 6;

    private float[] values;
    private Quantity quantity = Quantity.CELL;
    private int selectedUnit = -1;
    private String caption = "";

    public UnitValuesChart() {
        getStyleClass().add("unit-values-chart");
        setMinSize(200, 70);
        setPrefSize(760, 110);
    }

    /** The values to draw ({@code null} for none), what they are, the unit to mark and a caption above. */
    public void show(float[] unitValues, Quantity shownQuantity, int selected, String text) {
        values = unitValues;
        quantity = shownQuantity;
        selectedUnit = selected;
        caption = text;
        markDirty();
    }

    /** The values drawn, or null. */
    public float[] values() {
        return values;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(12));
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(caption, LEFT, 2);
        if (values == null) {
            return;
        }
        double width = w - LEFT - RIGHT;
        double height = h - TOP - BOTTOM;
        // Gates lie in [0, 1] and are drawn up from the bottom; states in [-1, 1] from the middle.
        boolean gate = quantity.low() == 0;
        double zeroY = gate ? TOP + height : TOP + height / 2;
        double scale = gate ? height : height / 2;
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.strokeLine(LEFT, zeroY, LEFT + width, zeroY);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(gate ? "1" : "+1", LEFT - 4, TOP);
        g.fillText("0", LEFT - 4, zeroY);
        if (!gate) {
            g.fillText("\u22121", LEFT - 4, TOP + height);
        }
        double bar = width / values.length;
        for (int u = 0; u < values.length; u++) {
            double v = Math.max(gate ? 0 : -1, Math.min(1, values[u]));
            g.setFill(u == selectedUnit ? TEXT : StateColors.color(values[u], quantity).deriveColor(0, 1, 0.9, 1));
            double top = v >= 0 ? zeroY - v * scale : zeroY;
            g.fillRect(LEFT + u * bar, top, Math.max(1, bar - (bar > 3 ? 1 : 0)), Math.max(1, Math.abs(v) * scale));
        }
        if (selectedUnit >= 0 && selectedUnit < values.length) {
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(String.format(Locale.ROOT, "unit %d (dark bar): %+.2f", selectedUnit, values[selectedUnit]), w - RIGHT, 2);
        }
    }
}
