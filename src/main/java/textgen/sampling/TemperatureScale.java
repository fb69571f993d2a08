package textgen.sampling;

import java.util.List;
import java.util.Locale;

/**
 * The temperatures a user chooses from: 0.05 to 2.5 on a logarithmic scale (the interesting
 * range below 1 gets as much room as the range above it), the classic method's four (0.2,
 * 0.5, 1.0 and 1.2) as presets, and how a temperature is written. The slider, the comparison,
 * the remembered setting, the charts and the per-epoch samples all take them from here.
 */
public final class TemperatureScale {

    public static final double MIN = 0.05;
    public static final double MAX = 2.5;
    /** The temperatures the classic method samples at after each epoch. */
    public static final List<Double> PRESETS = List.of(0.2, 0.5, 1.0, 1.2);
    /** Where a temperature that is not a number (a damaged setting) lands. */
    public static final double NEUTRAL = 1.0;

    private TemperatureScale() {
    }

    /** {@code t} brought into the scale; NaN or infinite gives {@link #NEUTRAL}. */
    public static double clamp(double t) {
        return Double.isFinite(t) ? Math.max(MIN, Math.min(MAX, t)) : NEUTRAL;
    }

    public static boolean contains(double t) {
        return t >= MIN && t <= MAX;
    }

    /** Position in [0, 1] on the logarithmic scale. */
    public static double position(double t) {
        return Math.log(clamp(t) / MIN) / Math.log(MAX / MIN);
    }

    /** The temperature at a position in [0, 1]. */
    public static double atPosition(double position) {
        return MIN * Math.pow(MAX / MIN, Math.max(0, Math.min(1, position)));
    }

    /** As people write it: 0.2, 1.0, 0.05, 1.25. */
    public static String format(double t) {
        return String.format(Locale.ROOT, t < 0.1 ? "%.3f" : "%.2f", t).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
