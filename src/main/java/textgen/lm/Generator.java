package textgen.lm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import textgen.sampling.Distributions;
import textgen.sampling.Multinomial;
import textgen.sampling.Sampler;
import textgen.text.Symbols;
import textgen.text.Vocabulary;
import textgen.text.WordVocabulary;

/**
 * Stateful generation: the seed conditions the network once, then each new symbol (character
 * or word) costs one step. Several streams (one per sampler, e.g. one per temperature) advance
 * as one batch.
 */
public final class Generator {

    /**
     * The most seed symbols that condition the network; an LSTM's state forgets far sooner, so a
     * longer seed (a pasted book) only costs time. The seed's end is kept.
     */
    public static final int MAX_SEED_SYMBOLS = 2000;

    private final Vocabulary vocabulary;
    private final LstmWeights weights;

    public Generator(Vocabulary vocabulary, LstmWeights weights) {
        if (vocabulary.size() != weights.vocabularySize()) {
            throw new IllegalArgumentException("The vocabulary has " + vocabulary.size()
                    + " symbols but the network outputs " + weights.vocabularySize() + ".");
        }
        this.vocabulary = vocabulary;
        this.weights = weights;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Starts one stream per sampler, all conditioned on {@code seed}. */
    public Run start(String seed, List<Sampler> samplers, RandomGenerator rng) {
        return new Run(new JavaStepEngine(weights, samplers.size()), seed, samplers, rng);
    }

    public Run start(String seed, Sampler sampler, RandomGenerator rng) {
        return start(seed, List.of(sampler), rng);
    }

    /** Convenience: {@code length} symbols of one stream as a string. */
    public String generate(String seed, Sampler sampler, int length, RandomGenerator rng) {
        Run run = start(seed, sampler, rng);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(run.step().get(0).text());
        }
        return sb.toString();
    }

    /** One generation in progress. Not thread-safe; use it from one thread. */
    public final class Run {

        private final JavaStepEngine engine;
        private final List<Sampler> samplers; // mutable: a front end may change a stream's sampler between steps
        private final RandomGenerator rng;
        private final Set<String> skipped = new LinkedHashSet<>();
        private final String primedWith;
        private final boolean seedShortened;
        private double[][] next; // per stream, the network's distribution for the next symbol
        private int[] last; // per stream, the symbol fed last: what the next one is joined to

        private Run(JavaStepEngine engine, String seed, List<Sampler> samplers, RandomGenerator rng) {
            if (samplers.isEmpty()) {
                throw new IllegalArgumentException("At least one sampler is needed.");
            }
            this.engine = engine;
            this.samplers = new ArrayList<>(samplers);
            this.rng = rng;
            int[] symbols = vocabulary.encode(seed, skipped::add);
            seedShortened = symbols.length > MAX_SEED_SYMBOLS;
            if (seedShortened) {
                symbols = java.util.Arrays.copyOfRange(symbols, symbols.length - MAX_SEED_SYMBOLS, symbols.length);
            }
            if (symbols.length == 0) {
                // Nothing usable to condition on: start as if at the beginning of a line.
                int start = vocabulary.lineStart();
                symbols = new int[] {start};
                primedWith = vocabulary.symbol(start);
            } else {
                primedWith = vocabulary.decode(symbols);
            }
            float[][] out = null;
            int[] batch = new int[engine.streams()];
            for (int symbol : symbols) {
                java.util.Arrays.fill(batch, symbol);
                out = engine.step(batch);
            }
            next = toDistributions(out);
            last = new int[engine.streams()];
            java.util.Arrays.fill(last, symbols[symbols.length - 1]);
        }

        /** The seed's characters or words the vocabulary lacks, in order of first appearance. */
        public List<String> skippedSeedSymbols() {
            return List.copyOf(skipped);
        }

        /**
         * A warning that names the skipped seed characters and says if only the seed's end was
         * used, or null if neither happened.
         */
        public String seedWarning() {
            String shortened = seedShortened
                    ? "Only the last " + MAX_SEED_SYMBOLS + " " + vocabulary.unit() + "s of the seed were used." : null;
            if (skipped.isEmpty()) {
                return shortened;
            }
            List<String> names = new ArrayList<>();
            for (String unknown : skipped) {
                if (names.size() == 5) {
                    names.add("and " + (skipped.size() - 5) + " more");
                    break;
                }
                names.add(unknown.codePointCount(0, unknown.length()) == 1 ? Symbols.describe(unknown.codePointAt(0)) : "'" + unknown + "'");
            }
            return "The model does not know " + String.join(", ", names) + "; "
                    + (skipped.size() == 1 ? "it was" : "they were")
                    + (vocabulary instanceof WordVocabulary ? " read as " + WordVocabulary.UNKNOWN + "."
                    : " left out of the seed.")
                    + (shortened == null ? "" : " " + shortened);
        }

        /**
         * Whether each step keeps what stream 0's network holds after reading the symbol it
         * drew ({@link #lastState}), for a view inside the network.
         */
        public void recordStates(boolean record) {
            engine.setRecording(record);
        }

        /** Stream 0's state after reading the symbol the last step drew, if recording; else null. */
        public CellState lastState() {
            return engine.lastState();
        }

        /** The text the network was actually conditioned on. */
        public String primedWith() {
            return primedWith;
        }

        public int streams() {
            return samplers.size();
        }

        /** The network's distribution (T = 1) for the next character of {@code stream}; a copy. */
        public double[] nextDistribution(int stream) {
            return next[stream].clone();
        }

        /** Changes how {@code stream} draws from the next step on: the newest setting always wins. */
        public void setSampler(int stream, Sampler sampler) {
            samplers.set(stream, java.util.Objects.requireNonNull(sampler));
        }

        public Sampler sampler(int stream) {
            return samplers.get(stream);
        }

        /** Everything needed to come back to this point of a run: network state and next distributions. */
        public record Snapshot(float[][][][] state, double[][] next, int[] last) {
        }

        public Snapshot snapshot() {
            double[][] copy = new double[next.length][];
            for (int s = 0; s < next.length; s++) {
                copy[s] = next[s].clone();
            }
            return new Snapshot(engine.copyState(), copy, last.clone());
        }

        /** Goes back to a point {@link #snapshot} saved: the characters since are forgotten. */
        public void restore(Snapshot snapshot) {
            engine.restoreState(snapshot.state());
            for (int s = 0; s < next.length; s++) {
                next[s] = snapshot.next()[s].clone();
            }
            last = snapshot.last().clone();
        }

        /**
         * Appends one character to stream 0 chosen by the given "die roll" {@code u} in [0, 1):
         * the character whose segment of the cumulative sampling distribution contains it, with
         * the segments laid out likeliest first (as a chart would show them).
         * For teaching, where the roll is shown; other streams advance with their own draws.
         */
        public GeneratedSymbol stepWithRoll(double u) {
            return advance((stream, sampling) -> stream == 0
                    ? Multinomial.pick(sampling, Distributions.rankDescending(sampling), u)
                    : Multinomial.draw(sampling, rng)).get(0);
        }

        /** Draws and appends one symbol per stream. */
        public List<GeneratedSymbol> step() {
            return advance((stream, sampling) -> Multinomial.draw(sampling, rng));
        }

        /** How a stream's index is picked from the distribution its sampler draws from. */
        private interface Choice {
            int pick(int stream, double[] sampling);
        }

        /** One step of every stream: each sampler's distribution, the pick, then one network step. */
        private List<GeneratedSymbol> advance(Choice choice) {
            int[] chosen = new int[samplers.size()];
            List<GeneratedSymbol> result = new ArrayList<>(samplers.size());
            for (int s = 0; s < samplers.size(); s++) {
                double[] network = next[s];
                double[] sampling = samplers.get(s).distribution(network);
                int index = choice.pick(s, sampling);
                chosen[s] = index;
                result.add(new GeneratedSymbol(vocabulary.symbol(index), vocabulary.separator(last[s], index),
                        vocabulary.label(index), index, sampling[index], network, sampling));
            }
            next = toDistributions(engine.step(chosen));
            last = chosen;
            return result;
        }

        private static double[][] toDistributions(float[][] probabilities) {
            double[][] result = new double[probabilities.length][];
            for (int s = 0; s < probabilities.length; s++) {
                result[s] = Distributions.fromFloats(probabilities[s]);
            }
            return result;
        }
    }
}
