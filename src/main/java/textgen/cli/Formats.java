package textgen.cli;

import java.util.Locale;
import textgen.sampling.Distributions;

/** Number formatting shared by the commands' human-readable output. */
final class Formats {

    private Formats() {
    }

    static String loss(double nats) {
        if (Double.isNaN(nats)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4f nats (%.4f bits)", nats, Distributions.natsToBits(nats));
    }

    static String seconds(double s) {
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", (long) s / 3600, ((long) s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", s);
    }
}
