package textgen.gui.step;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.sampling.Distributions;
import textgen.text.Vocabulary;

/**
 * The next-character distribution as each strategy would draw from it, side by side: which
 * characters it keeps (blue) and drops (grey outline), renormalised. The active one is framed.
 */
public final class StrategiesChart extends CanvasChart {

    static final int BARS = 8;
    private static final Color DROPPED = Color.web("#afb8c1");

    private Vocabulary vocabulary;
    private double[] raw;
    private Strategy active = Strategy.TEMPERATURE;
    private double temperature = 1;
    private int k = 5;
    private double p = 0.9;

    public StrategiesChart() {
        getStyleClass().add("distribution-chart");
        setMinSize(480, 140);
        setPrefSize(800, 160);
    }

    public void set(Vocabulary vocabulary, double[] raw, Strategy active, double temperature, int k, double p) {
        this.vocabulary = vocabulary;
        this.raw = raw;
        this.active = active;
        this.temperature = temperature;
        this.k = k;
        this.p = p;
        markDirty();
    }

    /** The distribution {@code strategy} draws from for the current settings. */
    public double[] distribution(Strategy strategy) {
        return strategy.sampler(temperature, k, p).distribution(raw);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (raw == null) {
            return;
        }
        Strategy[] strategies = Strategy.values();
        int[] ranked = Distributions.rankDescending(raw);
        int bars = Math.min(BARS, ranked.length);
        double gap = 12;
        double panel = (w - gap * (strategies.length + 1)) / strategies.length;
        double top = 50;
        double bottom = h - 28;
        for (int s = 0; s < strategies.length; s++) {
            Strategy strategy = strategies[s];
            double[] d = distribution(strategy);
            double left = gap + s * (panel + gap);
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.setFont(Font.font(null, FontWeight.BOLD, 14));
            g.fillText(strategy.title(), left + panel / 2, 6);
            g.setFont(Font.font(12));
            g.fillText(strategy.sampler(temperature, k, p).describe(), left + panel / 2, 24);
            if (strategy == active) {
                g.setStroke(HIGHLIGHT);
                g.setLineWidth(3);
                g.strokeRect(left - 4, 2, panel + 8, h - 4);
            }
            double slot = panel / bars;
            for (int b = 0; b < bars; b++) {
                int i = ranked[b];
                double x = left + b * slot + slot * 0.15;
                double width = slot * 0.7;
                if (d[i] > 0) {
                    double height = (bottom - top) * d[i];
                    g.setFill(ACCENT);
                    g.fillRect(x, bottom - height, width, height);
                } else {
                    g.setStroke(DROPPED);
                    g.setLineWidth(1);
                    g.strokeRect(x, bottom - (bottom - top) * raw[i], width, (bottom - top) * raw[i]);
                }
                g.setFill(d[i] > 0 ? TEXT : DROPPED);
                g.setFont(Font.font(13));
                g.fillText(shortLabel(vocabulary.label(i)), x + width / 2, bottom + 4);
            }
        }
    }
}
