package textgen.lm;

import textgen.text.CharVocabulary;
import textgen.text.Corpus;

/** Tiny corpora and networks that train in well under a second. */
final class TinyModels {

    static final String TEXT = "the cat sat on the mat. the dog sat on the log.\n".repeat(24);
    static final NetworkConfig CONFIG = NetworkConfig.DEFAULT
            .withUnits(24).withSequenceLength(16).withBatchSize(8).withLearningRate(0.02);

    private TinyModels() {
    }

    static Corpus corpus() {
        return new Corpus("tiny", TEXT);
    }

    static LanguageModel untrained() {
        return LanguageModel.create(CONFIG, CharVocabulary.of(TEXT), "tiny");
    }

    static LanguageModel trained(int epochs) throws TrainingException {
        LanguageModel model = untrained();
        new Trainer(model, corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(epochs);
        return model;
    }
}
