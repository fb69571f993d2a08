package textgen.text;

import java.util.List;
import java.util.function.Function;

/**
 * A simple property of a text, one number per symbol, that a unit of a network may track: 1
 * inside quotes and 0 outside, the position in the line, and so on. Adding one is one
 * {@code new TextFeature(...)} with a function over the symbols (see {@link TextFeatures}).
 *
 * @param name what the user reads, such as "inside quoted speech"
 * @param values the feature's value at each symbol of a text, as the symbols are read in order
 */
public record TextFeature(String name, Function<List<String>, double[]> values) {

    public double[] of(List<String> symbols) {
        double[] result = values.apply(symbols);
        if (result.length != symbols.size()) {
            throw new IllegalStateException("The feature '" + name + "' gave " + result.length + " values for "
                    + symbols.size() + " symbols.");
        }
        return result;
    }
}
