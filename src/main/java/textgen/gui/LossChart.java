package textgen.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Training loss per batch (smoothed) and validation loss per epoch, in nats per character,
 * against epochs. Points arrive once per frame in batches; past {@link #MAX_POINTS} the
 * training curve is decimated to the minimum and maximum of each pixel-sized bucket, which
 * keeps its shape and keeps the chart cheap to draw.
 */
public final class LossChart extends LineChart<Number, Number> {

    static final int MAX_POINTS = 1200;
    private static final double SMOOTHING = 0.1;

    private final XYChart.Series<Number, Number> trainSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validationSeries = new XYChart.Series<>();
    private final List<double[]> trainPoints = new ArrayList<>(); // all smoothed points, x then y
    private final List<XYChart.Data<Number, Number>> pending = new ArrayList<>();
    private double smoothed = Double.NaN;
    private long lastRebuild;

    public LossChart() {
        super(axis("epoch"), axis("loss (nats/char)"));
        setId("lossChart");
        setCreateSymbols(false);
        setAnimated(false);
        setLegendVisible(true);
        trainSeries.setName("training (smoothed)");
        validationSeries.setName("validation");
        getData().add(trainSeries);
        getData().add(validationSeries);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        ((NumberAxis) getXAxis()).setForceZeroInRange(true);
        setMinHeight(220);
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setAnimated(false);
        return axis;
    }

    public void clear() {
        trainPoints.clear();
        pending.clear();
        smoothed = Double.NaN;
        trainSeries.getData().clear();
        validationSeries.getData().clear();
    }

    /** Labels the loss axis for a model over {@code unit}s ("character" or "word"). */
    public void setUnit(String unit) {
        getYAxis().setLabel("loss (nats/" + (unit.equals("word") ? "word" : "char") + ")");
    }

    /** Adds a batch's loss at {@code epochs} (fractional) into training. */
    public void addBatchLoss(double epochs, double lossNats) {
        if (!Double.isFinite(lossNats)) {
            return;
        }
        smoothed = Double.isNaN(smoothed) ? lossNats : smoothed + SMOOTHING * (lossNats - smoothed);
        trainPoints.add(new double[] {epochs, smoothed});
        pending.add(new XYChart.Data<>(epochs, smoothed));
    }

    public void addValidationLoss(int epoch, double lossNats) {
        if (Double.isFinite(lossNats)) {
            XYChart.Data<Number, Number> point = new XYChart.Data<>(epoch, lossNats);
            // The training curve has no symbols; validation points, one per epoch, need them to be seen.
            javafx.scene.layout.StackPane symbol = new javafx.scene.layout.StackPane();
            symbol.getStyleClass().add("validation-point");
            point.setNode(symbol);
            validationSeries.getData().add(point);
        }
    }

    /** Puts the points that arrived since the last frame on the chart, decimating when there are many. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (trainPoints.size() <= MAX_POINTS) {
            trainSeries.getData().addAll(pending);
            pending.clear();
            return;
        }
        long now = System.nanoTime();
        if (now - lastRebuild < 500_000_000L) {
            return; // keep the pending points for the next rebuild
        }
        lastRebuild = now;
        pending.clear();
        trainSeries.getData().setAll(decimate(trainPoints, MAX_POINTS / 2));
    }

    /** Min and max of each of {@code buckets} equal runs of points, in order. */
    static List<XYChart.Data<Number, Number>> decimate(List<double[]> points, int buckets) {
        List<XYChart.Data<Number, Number>> result = new ArrayList<>(2 * buckets);
        int n = points.size();
        if (n <= 2 * buckets) {
            for (double[] p : points) {
                result.add(new XYChart.Data<>(p[0], p[1]));
            }
            return result;
        }
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            if (from >= to) {
                continue;
            }
            double[] min = points.get(from);
            double[] max = points.get(from);
            for (int i = from + 1; i < to; i++) {
                double[] p = points.get(i);
                if (p[1] < min[1]) {
                    min = p;
                }
                if (p[1] > max[1]) {
                    max = p;
                }
            }
            double[] first = min[0] <= max[0] ? min : max;
            double[] second = first == min ? max : min;
            result.add(new XYChart.Data<>(first[0], first[1]));
            if (second != first) {
                result.add(new XYChart.Data<>(second[0], second[1]));
            }
        }
        return result;
    }

    public int trainPointCount() {
        return trainPoints.size();
    }

    public int validationPointCount() {
        return validationSeries.getData().size();
    }
}
