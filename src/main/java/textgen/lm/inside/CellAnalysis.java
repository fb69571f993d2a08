package textgen.lm.inside;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import textgen.lm.CellState;
import textgen.lm.CellState.Quantity;
import textgen.lm.JavaStepEngine;
import textgen.lm.LstmWeights;
import textgen.text.TextFeature;
import textgen.text.Vocabulary;

/**
 * Finds the units that track simple features of the text: the network reads a passage, one
 * symbol at a time, and each unit's state is correlated with each feature (Pearson's r over the
 * passage). It also counts how often each unit's gates are saturated, as Karpathy, Johnson and
 * Fei-Fei's Figure 3 plots them.
 */
public final class CellAnalysis {

    /** Symbols read before any are counted: the state starts from zero and needs a few to settle. */
    public static final int WARM_UP = 50;
    /** How many best units each feature lists. */
    public static final int BEST = 5;
    /** Below this, a gate counts as closed (saturated left); above 1 - this, as open. */
    public static final double SATURATED = 0.1;

    private CellAnalysis() {
    }

    /** A unit and how well it tracks a feature: Pearson's r, from -1 to 1. */
    public record UnitScore(int unit, double r) {
    }

    /** For each unit, the share of steps each gate was below 0.1 and above 0.9. */
    public record GateSaturation(double[] inputClosed, double[] inputOpen, double[] forgetClosed, double[] forgetOpen,
                                 double[] outputClosed, double[] outputOpen) {
    }

    /**
     * What the analysis found.
     *
     * @param symbols the passage as read
     * @param states per symbol, the analysed quantity of the layer, {@code [symbol][unit]}
     * @param best per feature (in the order given), its best units, most strongly correlated
     *     first; empty for a feature the passage never varies in (r means nothing there)
     */
    public record Result(int layer, Quantity quantity, List<String> symbols, float[][] states,
                         Map<TextFeature, List<UnitScore>> best, GateSaturation gates) {

        /** One unit's value at each symbol of the passage. */
        public double[] unitValues(int unit) {
            double[] values = new double[states.length];
            for (int t = 0; t < values.length; t++) {
                values[t] = states[t][unit];
            }
            return values;
        }
    }

    /**
     * Reads {@code passage} with the network and scores every unit of {@code layer} against every
     * feature. {@code progress} hears the share done now and then; {@code cancelled} is asked as
     * often, and a yes ends the work with a {@link CancellationException}.
     */
    public static Result analyze(LstmWeights weights, Vocabulary vocabulary, int[] passage, int layer, Quantity quantity,
                                 List<TextFeature> features, DoubleConsumer progress, BooleanSupplier cancelled) {
        if (layer < 0 || layer >= weights.layers()) {
            throw new IllegalArgumentException("The network has layers 1 to " + weights.layers() + ", not " + (layer + 1) + ".");
        }
        if (passage.length <= WARM_UP + 2) {
            throw new IllegalArgumentException("A passage of " + passage.length + " symbols is too short to tell units apart;"
                    + " it needs more than " + (WARM_UP + 2) + ".");
        }
        JavaStepEngine engine = new JavaStepEngine(weights, 1);
        engine.setRecording(true);
        int units = weights.units();
        float[][] states = new float[passage.length][];
        int[][] saturation = new int[6][units]; // closed and open counts for the input, forget and output gates
        List<String> symbols = vocabulary.symbols(passage);
        int[] one = new int[1];
        for (int t = 0; t < passage.length; t++) {
            if (t % 1024 == 0) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("Finding cells was cancelled.");
                }
                progress.accept((double) t / passage.length);
            }
            one[0] = passage[t];
            engine.step(one);
            CellState state = engine.lastState();
            states[t] = state.of(quantity, layer);
            if (t >= WARM_UP) {
                count(state.inputGate()[layer], saturation[0], saturation[1]);
                count(state.forgetGate()[layer], saturation[2], saturation[3]);
                count(state.outputGate()[layer], saturation[4], saturation[5]);
            }
        }
        progress.accept(1);
        Map<TextFeature, List<UnitScore>> best = new LinkedHashMap<>();
        for (TextFeature feature : features) {
            best.put(feature, bestUnits(feature.of(symbols), states, units));
        }
        double counted = passage.length - WARM_UP;
        return new Result(layer, quantity, symbols, states, best, new GateSaturation(
                share(saturation[0], counted), share(saturation[1], counted), share(saturation[2], counted),
                share(saturation[3], counted), share(saturation[4], counted), share(saturation[5], counted)));
    }

    private static void count(float[] gate, int[] closed, int[] open) {
        for (int j = 0; j < gate.length; j++) {
            if (gate[j] < SATURATED) {
                closed[j]++;
            } else if (gate[j] > 1 - SATURATED) {
                open[j]++;
            }
        }
    }

    private static double[] share(int[] counts, double total) {
        double[] shares = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            shares[j] = counts[j] / total;
        }
        return shares;
    }

    /** The units most strongly correlated with the feature (either sign), or none if the feature never varies. */
    static List<UnitScore> bestUnits(double[] feature, float[][] states, int units) {
        List<UnitScore> scores = new ArrayList<>(units);
        for (int unit = 0; unit < units; unit++) {
            double r = correlation(feature, states, unit);
            if (!Double.isNaN(r)) {
                scores.add(new UnitScore(unit, r));
            }
        }
        scores.sort(Comparator.comparingDouble((UnitScore s) -> -Math.abs(s.r())));
        return List.copyOf(scores.subList(0, Math.min(BEST, scores.size())));
    }

    /** Pearson's r between the feature and one unit's state, after the warm-up; NaN if either is constant. */
    static double correlation(double[] feature, float[][] states, int unit) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int t = WARM_UP; t < feature.length; t++) {
            sx += feature[t];
            sy += states[t][unit];
            n++;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int t = WARM_UP; t < feature.length; t++) {
            double dx = feature[t] - mx;
            double dy = states[t][unit] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
