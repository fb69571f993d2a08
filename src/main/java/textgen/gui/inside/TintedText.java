package textgen.gui.inside;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.lm.CellState.Quantity;

/**
 * Text tinted by one unit, symbol by symbol, as the figures of Karpathy, Johnson and Fei-Fei
 * draw it: behind each symbol, the unit's value after reading it, blue for negative and red for
 * positive. It shows as many symbols as fit, from {@link #first()} on, or, when it follows a
 * stream, the latest ones. The symbol under the pointer is reported, so the view can show every
 * unit's value there.
 */
public final class TintedText extends CanvasChart {

    private static final double PAD = 8;
    private static final double LINE_GAP = 4;

    private List<String> symbols = List.of();
    private IntFunction<float[]> values = i -> null;
    private int unit = -1;
    private Quantity quantity = Quantity.CELL;
    private boolean followEnd = true;
    private int first;
    private int shownCount;
    private Font font = Font.font("Monospaced", 17);
    private final Map<String, Double> widths = new HashMap<>();
    /** Where each shown symbol was drawn: x, y, width per symbol from {@link #first}. */
    private double[] boxes = new double[0];
    private double lineHeight;
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(this, "hovered", -1);
    private final ReadOnlyIntegerWrapper drawnEnd = new ReadOnlyIntegerWrapper(this, "drawnEnd");

    public TintedText() {
        getStyleClass().add("tinted-text");
        setMinSize(200, 80);
        setPrefSize(760, 200);
        setOnMouseMoved(e -> hovered.set(symbolAt(e.getX(), e.getY())));
        setOnMouseExited(e -> hovered.set(-1));
        hovered.addListener((o, a, b) -> markDirty()); // the hovered symbol is framed
    }

    /**
     * What to draw: the symbols, each unit's values after each one ({@code values.apply(i)},
     * indexed by unit), the unit that tints (or -1 for plain text) and the quantity it is.
     * {@code followEnd} keeps the latest symbols in view as more arrive.
     */
    public void show(List<String> shownSymbols, IntFunction<float[]> unitValues, int tintUnit, Quantity shownQuantity,
                     boolean follow) {
        if (shownSymbols != symbols) {
            hovered.set(-1);
        }
        symbols = shownSymbols;
        values = unitValues;
        unit = tintUnit;
        quantity = shownQuantity;
        followEnd = follow;
        if (!follow) {
            first = Math.min(first, Math.max(0, symbols.size() - 1));
        }
        markDirty();
    }

    /** Shows the text from symbol {@code index} on (stops following the end). */
    public void scrollTo(int index) {
        followEnd = false;
        first = Math.max(0, Math.min(index, symbols.size() - 1));
        hovered.set(-1);
        markDirty();
    }

    /** The first symbol drawn. */
    public int first() {
        return first;
    }

    /** How many symbols the last drawing fitted. */
    public int shownCount() {
        return shownCount;
    }

    public int size() {
        return symbols.size();
    }

    public void setTextFont(Font textFont) {
        font = textFont;
        widths.clear();
        markDirty();
    }

    /** One past the last symbol the latest drawing fitted: it changes after each drawing that moved it. */
    public ReadOnlyIntegerProperty drawnEndProperty() {
        return drawnEnd.getReadOnlyProperty();
    }

    /** The index of the symbol under the pointer, or -1. */
    public ReadOnlyIntegerProperty hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The tint behind symbol {@code index}; white when no unit is chosen. */
    public Color tintOf(int index) {
        float[] v = unit < 0 ? null : values.apply(index);
        return v == null || unit >= v.length ? Color.WHITE : StateColors.color(v[unit], quantity);
    }

    private int symbolAt(double x, double y) {
        for (int i = 0; i < shownCount; i++) {
            double bx = boxes[3 * i];
            double by = boxes[3 * i + 1];
            if (x >= bx && x < bx + boxes[3 * i + 2] && y >= by && y < by + lineHeight) {
                return first + i;
            }
        }
        return -1;
    }

    private double width(String shown) {
        return widths.computeIfAbsent(shown, s -> {
            Text t = new Text(s);
            t.setFont(font);
            return t.getLayoutBounds().getWidth();
        });
    }

    /** A line break is drawn as a small arrow before the text moves on to the next line. */
    private static String visible(String symbol) {
        return symbol.equals("\n") ? "\u21B5" : symbol;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (symbols.isEmpty()) {
            shownCount = 0;
            drawnEnd.set(0);
            drawMessage(g, w, h, "Generate text, or take steps: it appears here, tinted by the unit you click.");
            return;
        }
        lineHeight = Math.ceil(font.getSize() * 1.35);
        if (followEnd) {
            first = firstThatFitsEnd(w, h);
        }
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        boxes = new double[3 * (symbols.size() - first)];
        // Backgrounds are drawn one by one; the text in runs of one colour on one line, since each
        // fillText is a text layout on the render thread and a symbol-by-symbol pass costs hundreds.
        StringBuilder run = new StringBuilder();
        Color runColor = TEXT;
        double runX = PAD;
        double x = PAD;
        double y = PAD;
        int i = first;
        for (; i < symbols.size(); i++) {
            String shown = visible(symbols.get(i));
            double natural = width(shown);
            double sw = Math.max(natural, font.getSize() * 0.3);
            if (x + sw > w - PAD && x > PAD) {
                flush(g, run, runColor, runX, y);
                x = PAD;
                y += lineHeight + LINE_GAP;
            }
            if (y + lineHeight > h - PAD) {
                break;
            }
            Color tint = tintOf(i);
            g.setFill(tint);
            g.fillRect(x, y, sw, lineHeight);
            Color ink = tint.getBrightness() < 0.55 ? Color.WHITE : TEXT;
            if (!ink.equals(runColor) || sw != natural) {
                flush(g, run, runColor, runX, y);
            }
            if (run.isEmpty()) {
                runX = x;
                runColor = ink;
            }
            run.append(shown);
            if (sw != natural) { // widened: its neighbours would not line up with their boxes
                flush(g, run, runColor, runX, y);
            }
            int k = 3 * (i - first);
            boxes[k] = x;
            boxes[k + 1] = y;
            boxes[k + 2] = sw;
            x += sw;
            if (symbols.get(i).equals("\n")) {
                flush(g, run, runColor, runX, y);
                x = PAD;
                y += lineHeight + LINE_GAP;
            }
        }
        flush(g, run, runColor, runX, y);
        shownCount = i - first;
        drawnEnd.set(i);
        if (hovered.get() >= first && hovered.get() < i) {
            int k = 3 * (hovered.get() - first);
            g.setStroke(TEXT);
            g.setLineWidth(1.5);
            g.strokeRect(boxes[k], boxes[k + 1], boxes[k + 2], lineHeight);
        }
    }

    /** Draws the text collected so far in one call, and empties the run. */
    private void flush(GraphicsContext g, StringBuilder run, Color ink, double x, double y) {
        if (!run.isEmpty()) {
            g.setFill(ink);
            g.fillText(run.toString(), x, y + lineHeight / 2);
            run.setLength(0);
        }
    }

    /** The first symbol to draw so that the last one fits: lines are counted back from the end. */
    private int firstThatFitsEnd(double w, double h) {
        int lines = Math.max(1, (int) ((h - 2 * PAD + LINE_GAP) / (lineHeight + LINE_GAP)));
        // Break the tail into lines the way draw() does, from an earlier start, and keep the last ones.
        int start = Math.max(0, symbols.size() - lines * (int) Math.max(8, (w - 2 * PAD) / (font.getSize() * 0.3)));
        java.util.ArrayList<Integer> lineStarts = new java.util.ArrayList<>();
        lineStarts.add(start);
        double x = PAD;
        for (int i = start; i < symbols.size(); i++) {
            double sw = Math.max(width(visible(symbols.get(i))), font.getSize() * 0.3);
            if (x + sw > w - PAD && x > PAD) {
                lineStarts.add(i);
                x = PAD;
            }
            x += sw;
            if (symbols.get(i).equals("\n") && i + 1 < symbols.size()) {
                lineStarts.add(i + 1);
                x = PAD;
            }
        }
        return lineStarts.get(Math.max(0, lineStarts.size() - lines));
    }
}
