package textgen.lm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import textgen.text.CharVocabulary;

/**
 * A character-level language model: the network, the vocabulary its input and output
 * positions stand for, how it was configured, which corpus it learnt and its loss history.
 *
 * <p>The network is not thread-safe: one thread at a time may train or run it. Generation
 * works on a {@link LstmWeights} snapshot instead, which any thread may use.
 */
public final class CharModel {

    private final MultiLayerNetwork network;
    private final CharVocabulary vocabulary;
    private final NetworkConfig config;
    private final String corpusName;
    private final List<EpochRecord> history;

    CharModel(MultiLayerNetwork network, CharVocabulary vocabulary, NetworkConfig config,
              String corpusName, List<EpochRecord> history) {
        this.network = network;
        this.vocabulary = vocabulary;
        this.config = config;
        this.corpusName = corpusName;
        this.history = new ArrayList<>(history);
    }

    /**
     * A new, untrained model for {@code vocabulary}.
     *
     * @throws IllegalArgumentException if the vocabulary has fewer than two symbols: with one
     *     there is nothing to predict (and DL4J refuses a softmax over one output)
     */
    public static CharModel create(NetworkConfig config, CharVocabulary vocabulary, String corpusName) {
        if (vocabulary.size() < 2) {
            throw new IllegalArgumentException("'" + corpusName + "' uses only one distinct character"
                    + (vocabulary.size() == 1 ? ", " + textgen.text.Symbols.describe(vocabulary.codePoint(0)) : "")
                    + ", so there is nothing to predict. Train on a text with at least two different characters.");
        }
        return new CharModel(NetworkFactory.build(config, vocabulary.size()), vocabulary, config, corpusName, List.of());
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    public NetworkConfig config() {
        return config;
    }

    public String corpusName() {
        return corpusName;
    }

    public List<EpochRecord> history() {
        return Collections.unmodifiableList(history);
    }

    /** Epochs trained so far over the model's life. */
    public int epochsTrained() {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    }

    void addEpoch(EpochRecord record) {
        history.add(record);
    }

    /** A copy of the current weights for fast, thread-independent generation. */
    public LstmWeights snapshotWeights() {
        return LstmWeights.of(network, config.layers());
    }

    /** A generator over the current weights. */
    public Generator generator() {
        return new Generator(vocabulary, snapshotWeights());
    }
}
