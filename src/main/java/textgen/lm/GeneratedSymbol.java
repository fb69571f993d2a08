package textgen.lm;

/**
 * One generated symbol (a character, or a word) and the decision behind it, so a front end can
 * chart it.
 *
 * @param symbol the symbol drawn, as text
 * @param separator what is written before it: nothing for characters, usually a space between words
 * @param label how a chart shows it (visible even for a space or a line break)
 * @param index its vocabulary index
 * @param probability its probability under the distribution it was drawn from
 * @param networkDistribution the network's own next-symbol distribution (T = 1)
 * @param samplingDistribution the distribution actually drawn from (reweighted and truncated)
 */
public record GeneratedSymbol(String symbol, String separator, String label, int index, double probability,
                              double[] networkDistribution, double[] samplingDistribution) {

    /** What the symbol adds to the text. */
    public String text() {
        return separator + symbol;
    }

    public boolean isLineBreak() {
        return symbol.equals("\n");
    }
}
