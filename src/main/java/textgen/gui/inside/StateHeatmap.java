package textgen.gui.inside;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.lm.CellState.Quantity;

/**
 * What the network holds, symbol by symbol: one row per unit of a layer, one column per symbol
 * read (the latest on the right), each cell coloured by the unit's value after that symbol. The
 * symbols run along the bottom under their columns. The selected unit's row is framed; the
 * pointer's unit and column are reported, so the view can show every unit's value there.
 *
 * <p>The cells are written into an image one pixel each and drawn scaled, so a redraw costs the
 * same few calls however many units there are.
 */
public final class StateHeatmap extends CanvasChart {

    /** Symbols shown across. */
    public static final int COLUMNS = 80;

    private static final double LEFT = 44;
    private static final double BOTTOM = 26;
    private static final double TOP = 6;
    private static final double RIGHT = 8;

    private List<StateTrail.Entry> entries = List.of();
    private int layer;
    private Quantity quantity = Quantity.CELL;
    private int selectedUnit = -1;
    private final ReadOnlyIntegerWrapper hoveredUnit = new ReadOnlyIntegerWrapper(this, "hoveredUnit", -1);
    private final ReadOnlyIntegerWrapper hoveredColumn = new ReadOnlyIntegerWrapper(this, "hoveredColumn", -1);
    private java.util.function.IntConsumer onUnitClicked = unit -> { };
    private WritableImage cells;
    private int[] pixels;

    public StateHeatmap() {
        getStyleClass().add("state-heatmap");
        setMinSize(300, 200);
        setPrefSize(760, 420);
        setOnMouseMoved(e -> {
            hoveredUnit.set(unitAt(e.getY()));
            hoveredColumn.set(columnAt(e.getX()));
        });
        setOnMouseExited(e -> {
            hoveredUnit.set(-1);
            hoveredColumn.set(-1);
        });
        hoveredUnit.addListener((o, a, b) -> markDirty()); // the hovered row is outlined
        setOnMouseClicked(e -> {
            int unit = unitAt(e.getY());
            if (unit >= 0) {
                onUnitClicked.accept(unit);
            }
        });
    }

    /** What to draw: the latest symbols with their states, one layer, one quantity, the framed unit. */
    public void show(List<StateTrail.Entry> latest, int shownLayer, Quantity shownQuantity, int selected) {
        entries = latest.subList(Math.max(0, latest.size() - COLUMNS), latest.size());
        layer = shownLayer;
        quantity = shownQuantity;
        selectedUnit = selected;
        markDirty();
    }

    public void setOnUnitClicked(java.util.function.IntConsumer handler) {
        onUnitClicked = handler;
    }

    /** The entries drawn, oldest first (at most {@link #COLUMNS}). */
    public List<StateTrail.Entry> entries() {
        return entries;
    }

    /** The unit under the pointer, or -1. */
    public ReadOnlyIntegerProperty hoveredUnitProperty() {
        return hoveredUnit.getReadOnlyProperty();
    }

    /** The column under the pointer (an index into {@link #entries}), or -1. */
    public ReadOnlyIntegerProperty hoveredColumnProperty() {
        return hoveredColumn.getReadOnlyProperty();
    }

    private int units() {
        return entries.isEmpty() ? 0 : entries.get(0).state().units();
    }

    /** The unit drawn at height {@code y}, or -1. */
    int unitAt(double y) {
        int units = units();
        double rows = getHeight() - TOP - BOTTOM;
        if (units == 0 || y < TOP || y >= TOP + rows) {
            return -1;
        }
        return Math.min(units - 1, (int) ((y - TOP) / rows * units));
    }

    private int columnAt(double x) {
        double width = getWidth() - LEFT - RIGHT;
        if (entries.isEmpty() || x < LEFT || x >= LEFT + width) {
            return -1;
        }
        int column = (int) ((x - LEFT) / (width / COLUMNS));
        int first = COLUMNS - entries.size(); // the newest column is always the last
        return column < first ? -1 : column - first;
    }

    /** The colour the cell of {@code unit} after {@code column}'s symbol is drawn in. */
    public Color cellColor(int column, int unit) {
        return StateColors.color(entries.get(column).state().of(quantity, layer)[unit], quantity);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        int units = units();
        if (units == 0 || layer >= entries.get(0).state().layers()) {
            drawMessage(g, w, h, "Generate text, or take steps: what the network holds after each symbol appears here.");
            return;
        }
        double width = w - LEFT - RIGHT;
        double rows = h - TOP - BOTTOM;
        double columnWidth = width / COLUMNS;
        int first = COLUMNS - entries.size();
        if (cells == null || cells.getHeight() != units) {
            // One image for the view's life (per layer width): a new one each frame is a new texture each frame.
            cells = new WritableImage(COLUMNS, units);
            pixels = new int[COLUMNS * units];
        }
        int shown = entries.size();
        for (int c = 0; c < shown; c++) {
            float[] values = entries.get(c).state().of(quantity, layer);
            for (int u = 0; u < units; u++) {
                pixels[u * shown + c] = StateColors.argb(values[u], quantity);
            }
        }
        cells.getPixelWriter().setPixels(0, 0, shown, units, PixelFormat.getIntArgbInstance(), pixels, 0, shown);
        g.setImageSmoothing(false);
        g.drawImage(cells, 0, 0, shown, units, LEFT + first * columnWidth, TOP, shown * columnWidth, rows);

        g.setFill(TEXT);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        int step = Math.max(1, (int) Math.ceil(units / (rows / 14)));
        for (int u = 0; u < units; u += step) {
            g.fillText(Integer.toString(u), LEFT - 4, TOP + (u + 0.5) * rows / units);
        }
        if (selectedUnit >= 0 && selectedUnit < units) {
            double y = TOP + selectedUnit * rows / units;
            g.setStroke(Color.BLACK);
            g.setLineWidth(1.5);
            g.strokeRect(LEFT - 1, y - 1, width + 2, Math.max(2, rows / units) + 2);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(HIGHLIGHT);
            g.fillText("\u25B6", 2, y + rows / units / 2);
        }
        int hovered = hoveredUnit.get();
        if (hovered >= 0 && hovered < units && hovered != selectedUnit) {
            double y = TOP + hovered * rows / units;
            g.setStroke(TEXT.deriveColor(0, 1, 1, 0.6));
            g.setLineWidth(1);
            g.strokeRect(LEFT - 0.5, y - 0.5, width + 1, Math.max(1, rows / units) + 1);
        }
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font("Monospaced", Math.min(13, columnWidth * 1.4)));
        for (int c = 0; c < entries.size(); c++) {
            g.fillText(shortLabel(visible(entries.get(c).text())), LEFT + (first + c + 0.5) * columnWidth, h - BOTTOM + 4);
        }
    }

    /** A symbol as a column label: a space, a line break or a word's leading space made visible or dropped. */
    private static String visible(String text) {
        String t = text.length() > 1 ? text.strip() : text;
        return switch (t) {
            case " " -> "\u2423";
            case "\n" -> "\u21B5";
            case "" -> "\u00B7";
            default -> t.length() > 2 ? t.substring(0, 1) : t;
        };
    }
}
