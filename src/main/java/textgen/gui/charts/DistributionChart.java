package textgen.gui.charts;

import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import textgen.gui.generate.SymbolChoice;
import textgen.sampling.Distributions;

/**
 * The next-character distribution as bars: the network's own (T = 1) beside the one sampling
 * draws from, for the likeliest characters by name and the rest folded into "other". A fast
 * slider drag costs one redraw per frame at most (see {@link CanvasChart}).
 */
public final class DistributionChart extends CanvasChart {

    static final int SHOWN = 12;
    private static final Color RAW = Color.web("#9aa5b1");

    private SymbolChoice data;
    private final ReadOnlyDoubleWrapper rawEntropyBits = new ReadOnlyDoubleWrapper(this, "rawEntropyBits", Double.NaN);
    private final ReadOnlyDoubleWrapper sampledEntropyBits = new ReadOnlyDoubleWrapper(this, "sampledEntropyBits", Double.NaN);

    public DistributionChart() {
        getStyleClass().add("distribution-chart");
        setMinSize(320, 220);
        setPrefSize(640, 360);
    }

    public void setData(SymbolChoice newData) {
        data = newData;
        rawEntropyBits.set(newData == null ? Double.NaN : Distributions.entropyBits(newData.raw()));
        sampledEntropyBits.set(newData == null ? Double.NaN : Distributions.entropyBits(newData.sampled()));
        markDirty();
    }

    public SymbolChoice getData() {
        return data;
    }

    /** Entropy, in bits, of the distribution sampling draws from (the reweighted one). */
    public ReadOnlyDoubleProperty sampledEntropyBitsProperty() {
        return sampledEntropyBits.getReadOnlyProperty();
    }

    public double getSampledEntropyBits() {
        return sampledEntropyBits.get();
    }

    public ReadOnlyDoubleProperty rawEntropyBitsProperty() {
        return rawEntropyBits.getReadOnlyProperty();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (data == null || w < 50 || h < 50) {
            drawMessage(g, w, h, "The distribution appears when a model is loaded.");
            return;
        }
        double top = 64;
        double bottom = h - 44;
        double left = 48;
        double right = w - 12;
        double[] raw = data.raw();
        double[] sampled = data.sampled();
        int[] ranked = Distributions.rankDescending(raw);
        int shown = Math.min(SHOWN, ranked.length);
        boolean other = ranked.length > shown;
        int slots = shown + (other ? 1 : 0);

        drawHeader(g, w);
        // Probability grid.
        g.setFont(Font.font(12));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double y = bottom - (bottom - top) * i / 4.0;
            g.setStroke(GRID);
            g.setLineWidth(1);
            g.strokeLine(left, y, right, y);
            g.setFill(TEXT);
            g.fillText(String.format(Locale.ROOT, "%.2f", i / 4.0), left - 6, y);
        }
        double slot = (right - left) / slots;
        double bar = Math.max(2, slot * 0.36);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int s = 0; s < slots; s++) {
            double rawP;
            double sampledP;
            String label;
            boolean chosen = false;
            if (s < shown) {
                int i = ranked[s];
                rawP = raw[i];
                sampledP = sampled[i];
                label = shortLabel(data.vocabulary().label(i));
                chosen = i == data.chosen();
            } else {
                rawP = 0;
                sampledP = 0;
                for (int r = shown; r < ranked.length; r++) {
                    rawP += raw[ranked[r]];
                    sampledP += sampled[ranked[r]];
                }
                label = "other";
                chosen = data.chosen() >= 0 && indexOf(ranked, data.chosen()) >= shown;
            }
            double x = left + s * slot + slot / 2;
            drawBar(g, x - bar, bar, rawP, top, bottom, RAW);
            drawBar(g, x, bar, sampledP, top, bottom, ACCENT);
            if (chosen) {
                g.setStroke(HIGHLIGHT);
                g.setLineWidth(3);
                g.strokeRect(x - bar - 3, top - 2, 2 * bar + 6, bottom - top + 4);
            }
            g.setFill(chosen ? HIGHLIGHT : TEXT);
            g.setFont(Font.font(null, chosen ? FontWeight.BOLD : FontWeight.NORMAL, label.length() > 2 ? 13 : 20));
            g.fillText(label, x, bottom + 6);
        }
    }

    private void drawHeader(GraphicsContext g, double w) {
        double rawH = Distributions.entropyBits(data.raw());
        double sampledH = Distributions.entropyBits(data.sampled());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font(null, FontWeight.BOLD, 15));
        g.setFill(RAW.darker());
        g.fillRect(12, 12, 14, 14);
        g.fillText(String.format(Locale.ROOT, "network (T = 1): entropy %.2f bits, perplexity %.1f",
                rawH, Math.pow(2, rawH)), 32, 10);
        g.setFill(ACCENT);
        g.fillRect(12, 36, 14, 14);
        g.fillText(String.format(Locale.ROOT, "sampled (%s): entropy %.2f bits, perplexity %.1f",
                data.samplerLabel(), sampledH, Math.pow(2, sampledH)), 32, 34);
    }

    private static void drawBar(GraphicsContext g, double x, double width, double p, double top, double bottom, Color color) {
        double height = (bottom - top) * Math.max(0, Math.min(1, p));
        g.setFill(color);
        g.fillRect(x, bottom - height, width, Math.max(height, p > 0 ? 1 : 0));
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
