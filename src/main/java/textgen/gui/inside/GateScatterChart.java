package textgen.gui.inside;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.lm.inside.CellAnalysis.GateSaturation;

/**
 * Gate saturation, as Figure 3 of Karpathy, Johnson and Fei-Fei plots it: for each of the input,
 * forget and output gates, one dot per unit at (share of steps the gate was nearly closed, share
 * it was nearly open). A dot near the top left is a gate that is almost always open; on the
 * diagonal, one that is always either fully open or fully shut; near the origin, one that works
 * in between. Clicking a dot chooses its unit.
 */
public final class GateScatterChart extends CanvasChart {

    private static final double GAP = 14;
    private static final double LEFT = 40;
    private static final double TOP = 24;
    private static final double BOTTOM = 34;
    private static final double DOT = 5;
    private static final String[] GATES = {"input gate", "forget gate", "output gate"};
    private static final Color[] COLORS = {Color.web("#1a7f37"), Color.web("#0969da"), Color.web("#8250df")};

    private GateSaturation gates;
    private int selectedUnit = -1;
    private final ReadOnlyIntegerWrapper hoveredUnit = new ReadOnlyIntegerWrapper(this, "hoveredUnit", -1);
    private IntConsumer onUnitClicked = unit -> { };

    public GateScatterChart() {
        getStyleClass().add("gate-scatter-chart");
        setMinSize(300, 160);
        setPrefSize(760, 260);
        setOnMouseMoved(e -> hoveredUnit.set(unitAt(e.getX(), e.getY())));
        setOnMouseExited(e -> hoveredUnit.set(-1));
        setOnMouseClicked(e -> {
            int unit = unitAt(e.getX(), e.getY());
            if (unit >= 0) {
                onUnitClicked.accept(unit);
            }
        });
        hoveredUnit.addListener((o, a, b) -> markDirty());
    }

    /** The shares to plot ({@code null} for none yet) and the unit to ring. */
    public void show(GateSaturation saturation, int selected) {
        gates = saturation;
        selectedUnit = selected;
        markDirty();
    }

    public void setOnUnitClicked(IntConsumer handler) {
        onUnitClicked = handler;
    }

    private double[][] shares(int gate) {
        return switch (gate) {
            case 0 -> new double[][] {gates.inputClosed(), gates.inputOpen()};
            case 1 -> new double[][] {gates.forgetClosed(), gates.forgetOpen()};
            default -> new double[][] {gates.outputClosed(), gates.outputOpen()};
        };
    }

    private double panelSize() {
        return Math.max(40, Math.min((getWidth() - LEFT - 2 * GAP - 3 * 8) / 3, getHeight() - TOP - BOTTOM));
    }

    private double panelLeft(int gate) {
        return LEFT + gate * (panelSize() + GAP + 8);
    }

    /** Where a unit's dot of one gate is drawn: {x, y}. */
    double[] dotPosition(int gate, int unit) {
        double size = panelSize();
        double[][] s = shares(gate);
        return new double[] {panelLeft(gate) + s[0][unit] * size, TOP + size - s[1][unit] * size};
    }

    private int unitAt(double x, double y) {
        if (gates == null) {
            return -1;
        }
        int best = -1;
        double bestDistance = DOT * DOT * 2;
        for (int gate = 0; gate < 3; gate++) {
            for (int unit = 0; unit < gates.inputOpen().length; unit++) {
                double[] p = dotPosition(gate, unit);
                double d = (p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = unit;
                }
            }
        }
        return best;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (gates == null) {
            drawMessage(g, w, h, "Press Find cells: the gates are counted over the same passage.");
            return;
        }
        double size = panelSize();
        g.setFont(Font.font(12));
        for (int gate = 0; gate < 3; gate++) {
            double left = panelLeft(gate);
            g.setStroke(GRID);
            g.setLineWidth(1);
            g.strokeRect(left, TOP, size, size);
            g.setLineDashes(4, 4);
            g.strokeLine(left, TOP, left + size, TOP + size); // closed + open = 1: always saturated
            g.setLineDashes();
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(GATES[gate], left + size / 2, TOP - 4);
            g.setTextBaseline(VPos.TOP);
            g.fillText("nearly shut (< 0.1) \u2192", left + size / 2, TOP + size + 4);
            if (gate == 0) {
                g.save();
                g.translate(LEFT - 8, TOP + size / 2);
                g.rotate(-90);
                g.setTextBaseline(VPos.BOTTOM);
                g.fillText("nearly open (> 0.9) \u2192", 0, 0);
                g.restore();
            }
            double[][] s = shares(gate);
            g.setFill(COLORS[gate].deriveColor(0, 1, 1, 0.55));
            for (int unit = 0; unit < s[0].length; unit++) {
                g.fillOval(left + s[0][unit] * size - DOT / 2, TOP + size - s[1][unit] * size - DOT / 2, DOT, DOT);
            }
            ring(g, gate, selectedUnit, HIGHLIGHT);
            ring(g, gate, hoveredUnit.get(), TEXT);
        }
        int shown = hoveredUnit.get() >= 0 ? hoveredUnit.get() : selectedUnit;
        if (shown >= 0 && shown < gates.inputOpen().length) {
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(String.format(Locale.ROOT, "unit %d: input shut %.0f%% open %.0f%%, forget shut %.0f%% open %.0f%%,"
                            + " output shut %.0f%% open %.0f%%", shown,
                    100 * gates.inputClosed()[shown], 100 * gates.inputOpen()[shown], 100 * gates.forgetClosed()[shown],
                    100 * gates.forgetOpen()[shown], 100 * gates.outputClosed()[shown], 100 * gates.outputOpen()[shown]),
                    LEFT, h - 2);
        }
    }

    private void ring(GraphicsContext g, int gate, int unit, Color color) {
        if (unit < 0 || unit >= gates.inputOpen().length) {
            return;
        }
        double[] p = dotPosition(gate, unit);
        g.setStroke(color);
        g.setLineWidth(2);
        g.strokeOval(p[0] - DOT, p[1] - DOT, 2 * DOT, 2 * DOT);
    }
}
