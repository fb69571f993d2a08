package textgen.lm;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import textgen.text.Corpus;
import textgen.text.WordTokenizer;
import textgen.text.WordVectors;

/**
 * Trains word vectors on a corpus with DL4J's Word2Vec (skip-gram), so that word-level
 * generation runs without downloading pretrained vectors. The units are
 * {@link WordTokenizer}'s without a lexicon: words, and single characters for Chinese, which
 * is what the built-in Tang vectors hold.
 */
public final class VectorTrainer {

    private VectorTrainer() {
    }

    public static WordVectors train(Corpus corpus, int dimension, int epochs, long seed) {
        List<String> sentences = new ArrayList<>();
        for (String line : corpus.text().split("\n")) {
            List<String> units = WordTokenizer.tokenize(line, w -> false);
            if (units.size() > 1) {
                sentences.add(String.join(" ", units));
            }
        }
        Word2Vec word2vec = new Word2Vec.Builder()
                .minWordFrequency(1)
                .layerSize(dimension)
                .windowSize(4)
                .epochs(epochs)
                .seed(seed)
                .workers(1) // deterministic for a given seed
                .iterate(new CollectionSentenceIterator(sentences))
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        word2vec.fit();
        List<String> words = new ArrayList<>(word2vec.getVocab().words());
        words.sort((a, b) -> Integer.compare(word2vec.getVocab().wordFrequency(b), word2vec.getVocab().wordFrequency(a)));
        float[] values = new float[words.size() * dimension];
        for (int i = 0; i < words.size(); i++) {
            double[] v = word2vec.getWordVector(words.get(i));
            for (int d = 0; d < dimension; d++) {
                values[i * dimension + d] = (float) v[d];
            }
        }
        return new WordVectors(corpus.name() + "-word2vec", dimension, words, values, words.size(), 0, List.of());
    }
}
