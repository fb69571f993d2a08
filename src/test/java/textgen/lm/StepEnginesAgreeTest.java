package textgen.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingException;
import textgen.text.CharVocabulary;

/** The plain-Java step must compute what DL4J's rnnTimeStep computes, for every supported shape. */
class StepEnginesAgreeTest {

    @ParameterizedTest(name = "{0} layer(s) of {1} units, {2} streams")
    @CsvSource({"1, 24, 1", "1, 24, 4", "2, 16, 3", "3, 8, 2", "2, 13, 2"})
    void javaStepMatchesRnnTimeStep(int layers, int units, int streams) throws TrainingException {
        NetworkConfig config = TinyModels.CONFIG.withLayers(layers).withUnits(units);
        LanguageModel model = LanguageModel.create(config, CharVocabulary.of(TinyModels.TEXT), "tiny");
        // Train briefly so that weights, biases and the forget-gate bias are all away from their initial values.
        new Trainer(model, TinyModels.corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(2);

        StepEngine java = new JavaStepEngine(model.snapshotWeights(), streams);
        StepEngine dl4j = new Dl4jStepEngine(model.network(), model.vocabulary().size(), streams);
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int step = 0; step < 40; step++) {
            int[] symbols = new int[streams];
            for (int s = 0; s < streams; s++) {
                symbols[s] = rng.nextInt(model.vocabulary().size());
            }
            float[][] a = java.step(symbols);
            float[][] b = dl4j.step(symbols);
            for (int s = 0; s < streams; s++) {
                assertEquals(model.vocabulary().size(), a[s].length);
                for (int i = 0; i < a[s].length; i++) {
                    worst = Math.max(worst, Math.abs(a[s][i] - b[s][i]));
                }
            }
        }
        assertEquals(0, worst, 1e-5, "largest difference between the two engines");
    }
}
