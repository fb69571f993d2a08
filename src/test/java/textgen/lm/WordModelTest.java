package textgen.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import textgen.lm.io.ModelFile;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingEvent;
import textgen.lm.training.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus;
import textgen.text.WordTokenizer;
import textgen.text.WordVectors;
import textgen.text.WordVocabulary;

/** Word models: the embedding holds the vectors, and training, saving, loading and generating work as for characters. */
public class WordModelTest {

    public static final String TEXT = "the cat sat on the mat . the dog sat on the log .\n".repeat(30);
    public static final NetworkConfig CONFIG = NetworkConfig.DEFAULT.withUnits(16).withSequenceLength(12).withBatchSize(8).withLearningRate(0.02);

    @TempDir
    Path dir;

    /** Random vectors for some of the corpus's words, and for words it does not use. */
    public static WordVectors vectors(int dimension) {
        Random random = new Random(3);
        List<String> words = new ArrayList<>(List.of("the", "cat", "sat", "on", "mat", "dog", ".", "elsewhere"));
        float[] values = new float[words.size() * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new WordVectors("test.vec", dimension, words, values, 9, 0, List.of());
    }

    @Test
    void theEmbeddingLayerHoldsTheLoadedVectors() {
        WordVectors vectors = vectors(6);
        LanguageModel model = LanguageModel.createWordModel(CONFIG, new Corpus("tiny", TEXT), vectors, 100, true);
        INDArray table = model.network().getLayer(0).getParam("W");
        var index = vectors.index();
        int checked = 0;
        for (int i = 0; i < model.vocabulary().size(); i++) {
            Integer row = index.get(model.vocabulary().symbol(i));
            if (row != null) {
                assertArrayEquals(vectors.vector(row), table.getRow(i).toFloatVector(), 0f, model.vocabulary().symbol(i));
                checked++;
            }
        }
        assertEquals(7, checked, "every corpus word with a vector");
        assertEquals(7, model.embedding().wordsWithVectors());
        assertEquals(6, model.embedding().dimension());
        assertTrue(model.isWordLevel());
        // "log" has no vector; <unk> neither; "\n" neither: 10 symbols in all.
        assertEquals(10, model.vocabulary().size());
    }

    @Test
    void aCapitalisedWordFindsItsLowerCaseVector() {
        WordVectors vectors = vectors(6);
        LanguageModel model = LanguageModel.createWordModel(CONFIG, new Corpus("caps", "The cat sat on the mat .\n".repeat(5)),
                vectors, 100, true);
        int the = ((WordVocabulary) model.vocabulary()).indexOf("The");
        assertArrayEquals(vectors.vector(vectors.index().get("the")), model.network().getLayer(0).getParam("W").getRow(the).toFloatVector(), 0f);
        assertEquals(0, vectors.coverage(WordTokenizer.tokenize("The cat", w -> false)).withoutVectors());
    }

    @Test
    void frozenVectorsStayAndFineTunedOnesLearn() throws TrainingException {
        for (boolean frozen : new boolean[] {true, false}) {
            LanguageModel model = LanguageModel.createWordModel(CONFIG, new Corpus("tiny", TEXT), vectors(6), 100, frozen);
            INDArray before = model.network().getLayer(0).getParam("W").dup();
            INDArray lstmBefore = model.network().getLayer(1).getParam("W").dup();
            TrainingEvent end = new Trainer(model, new Corpus("tiny", TEXT).split(), e -> { }, new TrainingControl()).sampleLength(0).run(1);
            assertInstanceOf(TrainingEvent.Finished.class, end, end.toString());
            INDArray after = model.network().getLayer(0).getParam("W");
            if (frozen) {
                assertEquals(before, after, "frozen vectors are unchanged");
            } else {
                assertNotEquals(before, after, "fine-tuned vectors moved");
            }
            assertNotEquals(lstmBefore, model.network().getLayer(1).getParam("W"), "the LSTM learnt either way");
        }
    }

    @Test
    void aWordModelLearnsTrainsSavesLoadsAndGeneratesWords() throws Exception {
        Corpus corpus = new Corpus("tiny", TEXT);
        LanguageModel model = LanguageModel.createWordModel(CONFIG, corpus, vectors(6), 100, false);
        List<TrainingEvent.EpochSamples> samples = new ArrayList<>();
        double firstLoss = Evaluator.lossNats(model, TEXT);
        new Trainer(model, corpus.split(), e -> {
            if (e instanceof TrainingEvent.EpochSamples s) {
                samples.add(s);
            }
        }, new TrainingControl()).sampleLength(12).run(8);
        double trainedLoss = Evaluator.lossNats(model, TEXT);
        assertTrue(trainedLoss < firstLoss * 0.6, firstLoss + " -> " + trainedLoss);
        assertEquals(8, samples.size());

        String text = model.generator().generate("the cat", Sampler.withTemperature(0.5), 30, Rng.seeded(4));
        for (String word : WordTokenizer.tokenize(text, w -> false)) {
            assertTrue(((WordVocabulary) model.vocabulary()).contains(word) || word.equals(WordVocabulary.UNKNOWN.substring(1, 4)),
                    "'" + word + "' in " + text);
        }
        assertTrue(text.contains(" "), "words are joined with spaces: " + text);

        Path file = dir.resolve("words.tgm");
        ModelFile.save(model, file);
        LanguageModel loaded = ModelFile.load(file);
        assertTrue(loaded.isWordLevel());
        assertEquals(model.embedding(), loaded.embedding());
        assertEquals(model.vocabulary().size(), loaded.vocabulary().size());
        assertEquals(text, loaded.generator().generate("the cat", Sampler.withTemperature(0.5), 30, Rng.seeded(4)));
    }

    /** The plain-Java step folds the embedding into the first layer's input weights; it must agree with DL4J. */
    @Test
    void thePlainJavaStepAgreesWithTheNetwork() throws TrainingException {
        Corpus corpus = new Corpus("tiny", TEXT);
        LanguageModel model = LanguageModel.createWordModel(CONFIG, corpus, vectors(6), 100, false);
        new Trainer(model, corpus.split(), e -> { }, new TrainingControl()).sampleLength(0).run(2);
        String seed = "the dog sat on the";
        int[] encoded = model.vocabulary().encode(seed, null);
        INDArray features = Nd4j.create(DataType.FLOAT, 1, 1, encoded.length);
        for (int t = 0; t < encoded.length; t++) {
            features.putScalar(new int[] {0, 0, t}, encoded[t]);
        }
        INDArray output = model.network().output(features);
        double[] expected = output.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(encoded.length - 1)).toDoubleVector();
        double[] actual = model.generator().start(seed, Sampler.multinomial(), Rng.seeded(1)).nextDistribution(0);
        assertArrayEquals(expected, actual, 1e-5);
    }

    @Test
    void unknownSeedWordsAreReadAsUnknownAndNamed() throws TrainingException {
        LanguageModel model = LanguageModel.createWordModel(CONFIG, new Corpus("tiny", TEXT), vectors(6), 100, true);
        Generator.Run run = model.generator().start("the zebra sat", Sampler.multinomial(), Rng.seeded(1));
        assertEquals(List.of("zebra"), run.skippedSeedSymbols());
        assertTrue(run.seedWarning().contains("'zebra'") && run.seedWarning().contains("<unk>"), run.seedWarning());
        assertFalse(run.primedWith().isEmpty());
    }
}
