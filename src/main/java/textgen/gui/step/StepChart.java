package textgen.gui.step;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import textgen.gui.charts.CanvasChart;
import textgen.sampling.Distributions;

/**
 * One sampling decision, the way a teacher would write it on the board: the formula, the
 * numbers for the likeliest characters (p, log p, divided by T, exponentiated, normalised, and
 * what the strategy kept), then the cumulative distribution as a bar of stacked segments with
 * the die roll marked where it fell.
 */
public final class StepChart extends CanvasChart {

    static final int ROWS = 5;
    private static final Color[] SEGMENTS = {ACCENT, Color.web("#54aeff"), Color.web("#218bff"),
            Color.web("#80ccff"), Color.web("#0550ae"), Color.web("#b6e3ff"), Color.web("#033d8b"), Color.web("#9ecbff")};
    private static final Color MUTED = Color.web("#6e7781");

    private StepViewModel.Step step;

    public StepChart() {
        getStyleClass().add("distribution-chart");
        setMinSize(480, 300);
        setPrefSize(800, 330);
    }

    public void setStep(StepViewModel.Step newStep) {
        step = newStep;
        markDirty();
    }

    public StepViewModel.Step getStep() {
        return step;
    }

    /** The [start, end) of each character's segment of the cumulative bar, in drawing order. */
    public static double[][] segments(double[] sampled) {
        int[] ranked = Distributions.rankDescending(sampled);
        double[][] result = new double[sampled.length][];
        double start = 0;
        double total = 0;
        for (double p : sampled) {
            total += p;
        }
        for (int i : ranked) {
            double width = sampled[i] / total;
            result[i] = new double[] {start, start + width};
            start += width;
        }
        return result;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (step == null) {
            drawMessage(g, w, h, "Press \u201cNext character\u201d to see one sampling decision, step by step.");
            return;
        }
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        double t = step.temperature();
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(null, FontWeight.BOLD, 17));
        g.fillText("p_T(i) = exp(log p(i) / T) / \u03a3_j exp(log p(j) / T)", 14, 10);
        g.setFont(Font.font(14));
        g.setFill(MUTED);
        g.fillText("Strategy: " + step.samplerLabel() + (t == 0 ? "   (T \u2192 0: all the mass goes to the likeliest)" : ""), 14, 34);

        // The table.
        String[] headers = {step.vocabulary().unit().equals("word") ? "word" : "char", "p", "log p", "log p / T", "exp(\u00b7)", "p_T", "drawn from"};
        double[] columns = {14, 90, 180, 280, 390, 500, 600};
        double rowHeight = 22;
        double y = 56;
        g.setFont(Font.font(null, FontWeight.BOLD, 14));
        g.setFill(TEXT);
        for (int c = 0; c < headers.length; c++) {
            g.fillText(headers[c], columns[c], y);
        }
        int[] ranked = Distributions.rankDescending(step.raw());
        double normaliser = 0;
        if (t > 0) {
            for (double p : step.raw()) {
                if (p > 0) {
                    normaliser += Math.exp(Math.log(p) / t);
                }
            }
        }
        g.setFont(Font.font("Monospaced", 14));
        for (int r = 0; r < Math.min(ROWS, ranked.length); r++) {
            int i = ranked[r];
            double p = step.raw()[i];
            double rowY = y + (r + 1) * rowHeight;
            boolean chosen = i == step.chosen();
            g.setFill(chosen ? HIGHLIGHT : TEXT);
            g.fillText(shortLabel(step.vocabulary().label(i)), columns[0], rowY);
            g.fillText(String.format(Locale.ROOT, "%.4f", p), columns[1], rowY);
            g.fillText(p > 0 ? String.format(Locale.ROOT, "%.3f", Math.log(p)) : "-\u221e", columns[2], rowY);
            if (t > 0) {
                double scaled = Math.log(p) / t;
                double weight = Math.exp(scaled);
                g.fillText(String.format(Locale.ROOT, "%.3f", scaled), columns[3], rowY);
                g.fillText(String.format(Locale.ROOT, "%.3g", weight), columns[4], rowY);
                g.fillText(String.format(Locale.ROOT, "%.4f", weight / normaliser), columns[5], rowY);
            } else {
                g.fillText("\u2014", columns[3], rowY);
                g.fillText("\u2014", columns[4], rowY);
                g.fillText(r == 0 ? "1.0000" : "0.0000", columns[5], rowY);
            }
            g.fillText(String.format(Locale.ROOT, "%.4f", step.sampled()[i]), columns[6], rowY);
        }

        // The cumulative bar and the die roll.
        double barTop = y + (ROWS + 1) * rowHeight + 30;
        double barHeight = 36;
        double left = 14;
        double right = w - 14;
        double[][] segments = segments(step.sampled());
        int[] bySampled = Distributions.rankDescending(step.sampled());
        g.setFont(Font.font(null, FontWeight.BOLD, 15));
        g.setFill(TEXT);
        g.fillText("Cumulative distribution drawn from, and the die roll u", left, barTop - 26);
        for (int r = 0; r < bySampled.length; r++) {
            int i = bySampled[r];
            if (step.sampled()[i] <= 0) {
                continue;
            }
            double x0 = left + (right - left) * segments[i][0];
            double x1 = left + (right - left) * segments[i][1];
            g.setFill(r < SEGMENTS.length ? SEGMENTS[r] : GRID);
            g.fillRect(x0, barTop, Math.max(1, x1 - x0), barHeight);
            if (x1 - x0 > 18) {
                g.setFill(r % 2 == 0 || r >= SEGMENTS.length ? Color.WHITE : TEXT);
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(shortLabel(step.vocabulary().label(i)), (x0 + x1) / 2, barTop + barHeight / 2);
            }
        }
        double[] chosenSegment = segments[step.chosen()];
        double cx0 = left + (right - left) * chosenSegment[0];
        double cx1 = left + (right - left) * chosenSegment[1];
        g.setStroke(HIGHLIGHT);
        g.setLineWidth(3);
        g.strokeRect(cx0, barTop - 3, Math.max(2, cx1 - cx0), barHeight + 6);
        double ux = left + (right - left) * step.roll();
        g.setLineWidth(2);
        g.strokeLine(ux, barTop - 10, ux, barTop + barHeight + 10);
        g.setFill(HIGHLIGHT);
        g.fillPolygon(new double[] {ux - 7, ux + 7, ux}, new double[] {barTop - 18, barTop - 18, barTop - 8}, 3);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(ux > (left + right) / 2 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setFont(Font.font(null, FontWeight.BOLD, 15));
        g.fillText(String.format(Locale.ROOT, " u = %.3f falls in '%s': it is appended ", step.roll(),
                step.vocabulary().label(step.chosen())), ux, barTop + barHeight + 12);
        g.setTextAlign(TextAlignment.LEFT);
        g.setStroke(TEXT);
        g.setLineWidth(1);
        g.strokeLine(left, barTop + barHeight + 4, left, barTop + barHeight + 10);
        g.strokeLine(right, barTop + barHeight + 4, right, barTop + barHeight + 10);
        g.setFont(Font.font(12));
        g.setFill(MUTED);
        g.fillText("0", left + 4, barTop + barHeight + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("1", right - 4, barTop + barHeight + 12);
    }
}
