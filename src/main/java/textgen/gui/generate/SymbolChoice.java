package textgen.gui.generate;

import textgen.text.Vocabulary;

/**
 * One choice of the next symbol, as the distribution chart shows it: the network's own
 * distribution (T = 1), the one sampling draws from, how the sampler reweighted it, and the
 * symbol that won the draw ({@code chosen}, or -1 before a draw).
 */
public record SymbolChoice(Vocabulary vocabulary, double[] raw, double[] sampled, String samplerLabel, int chosen) {
}
