package textgen.gui.charts;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import textgen.sampling.Distributions;
import textgen.sampling.Temperature;
import textgen.sampling.TemperatureScale;
import textgen.text.Vocabulary;

/**
 * The current distribution reweighted at several temperatures, as a row of small bar charts
 * drawn the way textbooks draw them, so the effect of T is seen at a glance.
 */
public final class SmallMultiplesChart extends CanvasChart {

    public static final List<Double> TEMPERATURES = List.of(0.01, 0.2, 0.4, 0.6, 0.8, 1.0);
    static final int BARS = 8;

    private Vocabulary vocabulary;
    private double[] raw;

    public SmallMultiplesChart() {
        getStyleClass().add("distribution-chart");
        setMinSize(320, 220);
        setPrefSize(640, 360);
    }

    public void setDistribution(Vocabulary vocabulary, double[] raw) {
        this.vocabulary = vocabulary;
        this.raw = raw;
        markDirty();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (raw == null) {
            drawMessage(g, w, h, "The charts appear when a model is loaded.");
            return;
        }
        // The same characters in every panel: the likeliest at T = 1 (temperature keeps the order).
        int[] ranked = Distributions.rankDescending(raw);
        int bars = Math.min(BARS, ranked.length);
        int panels = TEMPERATURES.size();
        double gap = 14;
        double panelWidth = (w - gap * (panels + 1)) / panels;
        double top = 44;
        double bottom = h - 40;
        for (int p = 0; p < panels; p++) {
            double t = TEMPERATURES.get(p);
            double[] reweighted = Temperature.reweight(raw, t);
            double left = gap + p * (panelWidth + gap);
            g.setFill(TEXT);
            g.setFont(Font.font(null, FontWeight.BOLD, 15));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText("T = " + TemperatureScale.format(t), left + panelWidth / 2, 8);
            g.setFont(Font.font(12));
            g.fillText(String.format(Locale.ROOT, "%.2f bits", Distributions.entropyBits(reweighted)), left + panelWidth / 2, 26);
            g.setStroke(GRID);
            g.setLineWidth(1);
            g.strokeLine(left, bottom, left + panelWidth, bottom);
            g.strokeLine(left, top, left + panelWidth, top);
            double slot = panelWidth / bars;
            for (int b = 0; b < bars; b++) {
                int i = ranked[b];
                double height = (bottom - top) * reweighted[i];
                double x = left + b * slot;
                g.setFill(ACCENT);
                g.fillRect(x + slot * 0.15, bottom - height, slot * 0.7, height);
                g.setFill(TEXT);
                g.setFont(Font.font(13));
                g.fillText(shortLabel(vocabulary.label(i)), x + slot / 2, bottom + 4);
            }
        }
    }
}
