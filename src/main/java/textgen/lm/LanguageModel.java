package textgen.lm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import textgen.text.CharVocabulary;
import textgen.text.Corpus;
import textgen.text.Vocabulary;
import textgen.text.WordTokenizer;
import textgen.text.WordVectors;
import textgen.text.WordVocabulary;

/**
 * A language model: the network, the vocabulary its input and output positions stand for
 * (characters, or words), how it was configured, which corpus it learnt and its loss history.
 * A word model also records the pretrained vectors its input layer began from.
 *
 * <p>The network is not thread-safe: one thread at a time may train or run it. Generation
 * works on a {@link LstmWeights} snapshot instead, which any thread may use.
 */
public final class LanguageModel {

    private final MultiLayerNetwork network;
    private final Vocabulary vocabulary;
    private final NetworkConfig config;
    private final String corpusName;
    private final List<EpochRecord> history;
    private final Embedding embedding; // null for a character model

    /** A model from its parts, as a model file holds them. */
    public LanguageModel(MultiLayerNetwork network, Vocabulary vocabulary, NetworkConfig config,
                  String corpusName, List<EpochRecord> history, Embedding embedding) {
        if ((embedding != null) != (vocabulary instanceof WordVocabulary)) {
            throw new IllegalArgumentException("A word model needs its embedding, and only a word model has one.");
        }
        this.network = network;
        this.vocabulary = vocabulary;
        this.config = config;
        this.corpusName = corpusName;
        this.history = new ArrayList<>(history);
        this.embedding = embedding;
    }

    /**
     * A new, untrained model for {@code vocabulary}.
     *
     * @throws IllegalArgumentException if the vocabulary has fewer than two symbols: with one
     *     there is nothing to predict (and DL4J refuses a softmax over one output)
     */
    public static LanguageModel create(NetworkConfig config, CharVocabulary vocabulary, String corpusName) {
        if (vocabulary.size() < 2) {
            throw new IllegalArgumentException("'" + corpusName + "' uses only one distinct character"
                    + (vocabulary.size() == 1 ? ", " + textgen.text.Symbols.describe(vocabulary.codePoint(0)) : "")
                    + ", so there is nothing to predict. Train on a text with at least two different characters.");
        }
        return new LanguageModel(NetworkFactory.build(config, vocabulary.size()), vocabulary, config, corpusName, List.of(), null);
    }

    /**
     * A new word model for {@code corpus}: its units (CJK runs cut against the vectors' words)
     * give the vocabulary, capped at {@code maxWords} plus the unknown-word symbol.
     */
    public static LanguageModel createWordModel(NetworkConfig config, Corpus corpus, WordVectors vectors, int maxWords,
                                                boolean frozen) {
        WordVocabulary vocabulary = WordVocabulary.of(WordTokenizer.tokenize(corpus.text(), vectors.lexicon()), maxWords);
        return createWordModel(config, vocabulary, vectors, frozen, corpus.name());
    }

    /**
     * A new word model whose input layer holds {@code vectors}: row {@code i} is the vector of
     * word {@code i}. Words without a vector (and the unknown-word symbol) keep the layer's
     * random start. A frozen input layer keeps the vectors as loaded.
     */
    public static LanguageModel createWordModel(NetworkConfig config, WordVocabulary vocabulary, WordVectors vectors,
                                                boolean frozen, String corpusName) {
        Embedding embedding = new Embedding(vectors.name(), vectors.dimension(), vectors.wordsInFile(), 0, frozen);
        MultiLayerNetwork network = NetworkFactory.build(config, vocabulary.size(), embedding);
        INDArray table = network.getLayer(0).getParam("W"); // [words, dimension]
        var index = vectors.index();
        int withVectors = 0;
        for (int i = 0; i < vocabulary.size(); i++) {
            int row = WordVectors.find(index, vocabulary.symbol(i));
            if (row >= 0) {
                table.putRow(i, Nd4j.create(vectors.vector(row), new long[] {1, vectors.dimension()}));
                withVectors++;
            }
        }
        return new LanguageModel(network, vocabulary, config, corpusName, List.of(),
                new Embedding(vectors.name(), vectors.dimension(), vectors.wordsInFile(), withVectors, frozen));
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The word vectors a word model began from; null for a character model. */
    public Embedding embedding() {
        return embedding;
    }

    public boolean isWordLevel() {
        return embedding != null;
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

    public void addEpoch(EpochRecord record) {
        history.add(record);
    }

    /** A copy of the current weights for fast, thread-independent generation. */
    public LstmWeights snapshotWeights() {
        return LstmWeights.of(network, config.layers(), embedding != null);
    }

    /** A generator over the current weights. */
    public Generator generator() {
        return new Generator(vocabulary, snapshotWeights());
    }
}
