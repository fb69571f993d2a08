package textgen.gui.inside;

import javafx.scene.paint.Color;
import textgen.lm.CellState.Quantity;

/**
 * The Inside view's colour scale, as the Karpathy, Johnson and Fei-Fei figures draw it: blue for
 * negative, white for zero, red for positive. States are shown over [-1, 1] (a cell state beyond
 * takes the end colour); gates, which lie in [0, 1], are shown with 0.5 white.
 */
final class StateColors {

    private static final Color NEGATIVE = Color.web("#2166ac");
    private static final Color ZERO = Color.web("#f7f7f7");
    private static final Color POSITIVE = Color.web("#b2182b");

    /** Steps on each side of zero: finer than the 8 bits a colour channel has for either ramp. */
    private static final int STEPS = 256;
    /** The scale precomputed: a heatmap colours tens of thousands of cells per frame. */
    private static final Color[] COLORS = new Color[2 * STEPS + 1];
    private static final int[] ARGB = new int[2 * STEPS + 1];

    static {
        for (int i = 0; i <= 2 * STEPS; i++) {
            double v = (i - STEPS) / (double) STEPS;
            Color c = v < 0 ? ZERO.interpolate(NEGATIVE, -v) : ZERO.interpolate(POSITIVE, v);
            COLORS[i] = c;
            ARGB[i] = 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                    | (int) Math.round(c.getBlue() * 255);
        }
    }

    private StateColors() {
    }

    /** The value placed on [-1, 1]: states as they are, gates stretched from [0, 1]. */
    static double signed(double value, Quantity quantity) {
        double v = quantity.low() == 0 ? 2 * value - 1 : value;
        return Math.max(-1, Math.min(1, v));
    }

    static Color color(double value, Quantity quantity) {
        return COLORS[index(value, quantity)];
    }

    /** The same colour as 0xAARRGGBB, for drawing many cells at once. */
    static int argb(double value, Quantity quantity) {
        return ARGB[index(value, quantity)];
    }

    private static int index(double value, Quantity quantity) {
        double v = signed(value, quantity);
        return v == v ? (int) Math.round((v + 1) * STEPS) : STEPS; // NaN shows as zero
    }
}
