package textgen.gui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import textgen.gui.train.LossHistory;

/**
 * A {@link LossHistory} drawn: training loss per batch (smoothed) and validation loss per
 * epoch, in nats per character or word, against epochs. It follows the history's revisions,
 * adding the new points in one batch per frame; past {@link #MAX_POINTS} the training curve is
 * decimated to the minimum and maximum of each pixel-sized bucket, which keeps its shape and
 * keeps the chart cheap to draw.
 */
public final class LossChart extends LineChart<Number, Number> {

    static final int MAX_POINTS = 1200;
    private static final double SMOOTHING = 0.1;

    private final LossHistory history;
    private final XYChart.Series<Number, Number> trainSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validationSeries = new XYChart.Series<>();
    private final List<double[]> trainPoints = new ArrayList<>(); // all smoothed points, x then y
    private double smoothed = Double.NaN;
    private int batchesSeen;
    private int runSeen;
    private long lastRebuild;
    private boolean shown = true;

    public LossChart(LossHistory history) {
        super(axis("epoch"), axis("loss (nats/char)"));
        this.history = history;
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
        history.unitProperty().addListener((o, a, unit) ->
                getYAxis().setLabel("loss (nats/" + (unit.equals("word") ? "word" : "char") + ")"));
        history.revisionProperty().addListener((o, a, b) -> follow());
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setAnimated(false);
        return axis;
    }

    /**
     * Whether the chart is on screen (its tab selected). Hidden, it leaves the new points in the
     * history and takes them all when shown: a chart on a hidden tab is still laid out each
     * time points are added, which cost the window frames while training ran behind other tabs.
     */
    public void setShown(boolean isShown) {
        shown = isShown;
        if (shown) {
            follow();
        }
    }

    /** Takes what the history gained since the last revision (or starts over if it was cleared). */
    private void follow() {
        if (!shown) {
            return;
        }
        List<double[]> batches = history.batches();
        boolean newRun = history.run() != runSeen; // perhaps already longer than the last one seen
        if (newRun) {
            runSeen = history.run();
            trainPoints.clear();
            trainSeries.getData().clear();
            smoothed = Double.NaN;
            batchesSeen = 0;
        }
        List<XYChart.Data<Number, Number>> added = new ArrayList<>();
        for (double[] batch : batches.subList(batchesSeen, batches.size())) {
            smoothed = Double.isNaN(smoothed) ? batch[1] : smoothed + SMOOTHING * (batch[1] - smoothed);
            trainPoints.add(new double[] {batch[0], smoothed});
            added.add(new XYChart.Data<>(batch[0], smoothed));
        }
        batchesSeen = batches.size();
        if (trainPoints.size() <= MAX_POINTS) {
            trainSeries.getData().addAll(added);
        } else if (System.nanoTime() - lastRebuild > 500_000_000L || added.isEmpty()) {
            lastRebuild = System.nanoTime();
            trainSeries.getData().setAll(decimate(trainPoints, MAX_POINTS / 2));
        }
        List<double[]> validations = history.validations();
        if (newRun || validations.size() != validationSeries.getData().size()) {
            validationSeries.getData().clear();
            for (double[] v : validations) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(v[0], v[1]);
                // The training curve has no symbols; validation points, one per epoch, need them to be seen.
                javafx.scene.layout.StackPane symbol = new javafx.scene.layout.StackPane();
                symbol.getStyleClass().add("validation-point");
                point.setNode(symbol);
                validationSeries.getData().add(point);
            }
        }
        // LineChart leaves an emptied series' last line on screen (stretched over the new run's
        // axis): hide each line while its series has no points.
        hideLineWhileEmpty(trainSeries);
        hideLineWhileEmpty(validationSeries);
    }

    private static void hideLineWhileEmpty(XYChart.Series<Number, Number> series) {
        if (series.getNode() != null) {
            series.getNode().setVisible(!series.getData().isEmpty());
        }
    }

    /** Whether the validation line is drawn; for tests. */
    boolean validationLineVisible() {
        return validationSeries.getNode() != null && validationSeries.getNode().isVisible();
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

    /** The smoothed training loss of point {@code index}; for tests. */
    double trainValue(int index) {
        return trainPoints.get(index)[1];
    }

    /** The loss of the validation point {@code index} as drawn; for tests. */
    double validationValue(int index) {
        return validationSeries.getData().get(index).getYValue().doubleValue();
    }
}
