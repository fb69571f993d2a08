package textgen.gui.charts;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import textgen.sampling.Distributions;
import textgen.sampling.Temperature;
import textgen.sampling.TemperatureScale;

/**
 * For the current context: the entropy (bits) of the reweighted distribution against the
 * temperature, 0.05 to 3 on a log scale, with the current temperature marked. Low T squeezes
 * the choice to one character (0 bits); high T spreads it towards all of them.
 */
public final class TemperatureSweepChart extends CanvasChart {

    static final double MIN_T = 0.05;
    static final double MAX_T = 3.0;
    public static final int POINTS = 100;
    private static final double[] TICKS = {0.05, 0.1, 0.2, 0.5, 1, 2, 3};

    private double[] raw;
    private boolean curveStale;
    private double[] temperatures = new double[0];
    private double[] entropies = new double[0];
    private double maxBits = 1;
    private double marker = 1;

    public TemperatureSweepChart() {
        getStyleClass().add("distribution-chart");
        setMinSize(320, 220);
        setPrefSize(640, 360);
    }

    /** The network's distribution (T = 1) for the current context, or null for none. */
    public void setDistribution(double[] distribution) {
        if (distribution != raw) {
            raw = distribution;
            curveStale = true;
            markDirty();
        }
    }

    /** The curve costs POINTS reweightings; it is computed when drawn, at most once a frame. */
    private void computeCurve() {
        curveStale = false;
        if (raw == null) {
            temperatures = new double[0];
            entropies = new double[0];
        } else {
            temperatures = new double[POINTS];
            entropies = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                temperatures[i] = MIN_T * Math.pow(MAX_T / MIN_T, i / (POINTS - 1.0));
                entropies[i] = Distributions.entropyBits(Temperature.reweight(raw, temperatures[i]));
            }
            long support = java.util.Arrays.stream(raw).filter(p -> p > 0).count();
            maxBits = Math.max(1, Math.log(support) / Math.log(2));
        }
    }

    public void setMarker(double temperature) {
        marker = temperature;
        markDirty();
    }

    /** The temperature the marker stands at. */
    public double marker() {
        return marker;
    }

    /** The curve's entropies (bits), at {@link #temperatures()}; a copy. */
    public double[] entropies() {
        if (curveStale) {
            computeCurve();
        }
        return entropies.clone();
    }

    public double[] temperatures() {
        if (curveStale) {
            computeCurve();
        }
        return temperatures.clone();
    }

    private double x(double t, double left, double right) {
        return left + (right - left) * Math.log(t / MIN_T) / Math.log(MAX_T / MIN_T);
    }

    private double y(double bits, double top, double bottom) {
        return bottom - (bottom - top) * Math.min(1, bits / maxBits);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (curveStale) {
            computeCurve();
        }
        if (entropies.length == 0) {
            drawMessage(g, w, h, "The curve appears when a model is loaded.");
            return;
        }
        g.setFill(TEXT);
        double left = 56;
        double right = w - 16;
        double top = 44;
        double bottom = h - 44;
        g.setFont(Font.font(null, FontWeight.BOLD, 15));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("Entropy of the sampled distribution against temperature (log scale)", 12, 10);

        g.setFont(Font.font(12));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double bits = maxBits * i / 4;
            double yy = y(bits, top, bottom);
            g.setStroke(GRID);
            g.strokeLine(left, yy, right, yy);
            g.fillText(String.format(Locale.ROOT, "%.1f", bits), left - 6, yy);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : TICKS) {
            double xx = x(t, left, right);
            g.setStroke(GRID);
            g.strokeLine(xx, top, xx, bottom);
            g.fillText(TemperatureScale.format(t), xx, bottom + 6);
        }
        g.fillText("temperature", (left + right) / 2, bottom + 24);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("bits", left - 6, top - 20);

        g.setStroke(ACCENT);
        g.setLineWidth(3);
        g.beginPath();
        for (int i = 0; i < temperatures.length; i++) {
            double xx = x(temperatures[i], left, right);
            double yy = y(entropies[i], top, bottom);
            if (i == 0) {
                g.moveTo(xx, yy);
            } else {
                g.lineTo(xx, yy);
            }
        }
        g.stroke();

        double t = Math.max(MIN_T, Math.min(MAX_T, marker));
        double bits = Distributions.entropyBits(Temperature.reweight(raw, t));
        double mx = x(t, left, right);
        double my = y(bits, top, bottom);
        g.setStroke(HIGHLIGHT);
        g.setLineWidth(2);
        g.strokeLine(mx, top, mx, bottom);
        g.setFill(HIGHLIGHT);
        g.fillOval(mx - 6, my - 6, 12, 12);
        g.setFont(Font.font(null, FontWeight.BOLD, 14));
        g.setTextAlign(mx > (left + right) / 2 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(String.format(Locale.ROOT, " T = %s: %.2f bits ", TemperatureScale.format(marker), bits), mx, my - 8);
    }
}
