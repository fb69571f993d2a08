package textgen.lm;

/**
 * One generated character and the decision behind it, so a front end can chart it.
 *
 * @param codePoint the character drawn
 * @param index its vocabulary index
 * @param probability its probability under the distribution it was drawn from
 * @param networkDistribution the network's own next-character distribution (T = 1)
 * @param samplingDistribution the distribution actually drawn from (reweighted and truncated)
 */
public record GeneratedChar(int codePoint, int index, double probability,
                            double[] networkDistribution, double[] samplingDistribution) {

    public String text() {
        return Character.toString(codePoint);
    }
}
