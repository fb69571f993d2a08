package textgen.lm;

import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingException;
import textgen.text.CharVocabulary;
import textgen.text.Corpus;

/** Tiny corpora and networks that train in well under a second. */
public final class TinyModels {

    public static final String TEXT = "the cat sat on the mat. the dog sat on the log.\n".repeat(24);
    public static final NetworkConfig CONFIG = NetworkConfig.DEFAULT
            .withUnits(24).withSequenceLength(16).withBatchSize(8).withLearningRate(0.02);

    private TinyModels() {
    }

    public static Corpus corpus() {
        return new Corpus("tiny", TEXT);
    }

    public static LanguageModel untrained() {
        return LanguageModel.create(CONFIG, CharVocabulary.of(TEXT), "tiny");
    }

    public static LanguageModel trained(int epochs) throws TrainingException {
        LanguageModel model = untrained();
        new Trainer(model, corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(epochs);
        return model;
    }
}
