package textgen.lm.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import textgen.lm.CellState;
import textgen.lm.CellState.Quantity;
import textgen.lm.JavaStepEngine;
import textgen.lm.LanguageModel;
import textgen.lm.TinyModels;
import textgen.lm.training.TrainingException;
import textgen.text.CharVocabulary;
import textgen.text.TextFeatures;

class CellAnalysisTest {

    private static int[] encode(CharVocabulary vocabulary, String text) {
        return text.codePoints().map(vocabulary::indexOf).toArray();
    }

    @Test
    void theUnitWiredToFlipAtQuotesRanksFirstForQuotes() {
        LanguageModel model = FlipFlopNetwork.build();
        CharVocabulary vocabulary = (CharVocabulary) model.vocabulary();
        int[] passage = encode(vocabulary, FlipFlopNetwork.TEXT);

        CellAnalysis.Result result = CellAnalysis.analyze(model.snapshotWeights(), vocabulary, passage, 0, Quantity.CELL,
                List.of(TextFeatures.DOUBLE_QUOTES, TextFeatures.WORD_START), share -> { }, () -> false);

        CellAnalysis.UnitScore best = result.best().get(TextFeatures.DOUBLE_QUOTES).get(0);
        assertEquals(0, best.unit(), "the wired unit comes first: " + result.best());
        assertTrue(best.r() > 0.9, "r = " + best.r());
        // The rest are random weights: none comes close.
        double second = Math.abs(result.best().get(TextFeatures.DOUBLE_QUOTES).get(1).r());
        assertTrue(second < 0.8, "the second best has r = " + second);
        // Its forget gate is open except at the quotes, and its input gate shut.
        assertTrue(result.gates().forgetOpen()[0] > 0.8, "forget gate open " + result.gates().forgetOpen()[0]);
        assertTrue(result.gates().inputClosed()[0] > 0.8, "input gate shut " + result.gates().inputClosed()[0]);
        double quotes = FlipFlopNetwork.TEXT.chars().filter(c -> c == '"').count() / (double) FlipFlopNetwork.TEXT.length();
        assertEquals(quotes, result.gates().forgetClosed()[0], 0.01, "the forget gate shuts at every quote and only there");
    }

    @Test
    void recordedStatesEqualDl4jRnnTimeStepState() throws TrainingException {
        for (int layers = 1; layers <= 2; layers++) {
            LanguageModel model = LanguageModel.create(TinyModels.CONFIG.withLayers(layers).withUnits(12),
                    CharVocabulary.of(TinyModels.TEXT), "tiny");
            new textgen.lm.training.Trainer(model, TinyModels.corpus().split(), e -> { },
                    new textgen.lm.training.TrainingControl()).sampleLength(0).run(1);
            MultiLayerNetwork network = model.network();
            network.rnnClearPreviousState();
            JavaStepEngine java = new JavaStepEngine(model.snapshotWeights(), 1);
            java.setRecording(true);
            SplittableRandom rng = new SplittableRandom(3);
            double worst = 0;
            for (int t = 0; t < 30; t++) {
                int symbol = rng.nextInt(model.vocabulary().size());
                java.step(new int[] {symbol});
                INDArray input = Nd4j.zeros(DataType.FLOAT, 1, model.vocabulary().size());
                input.putScalar(0, symbol, 1f);
                network.rnnTimeStep(input);
                CellState state = java.lastState();
                for (int layer = 0; layer < layers; layer++) {
                    Map<String, INDArray> dl4j = network.rnnGetPreviousState(layer);
                    worst = Math.max(worst, largestDifference(state.hidden()[layer], dl4j.get(LSTM.STATE_KEY_PREV_ACTIVATION)));
                    worst = Math.max(worst, largestDifference(state.cell()[layer], dl4j.get(LSTM.STATE_KEY_PREV_MEMCELL)));
                }
            }
            assertEquals(0, worst, 1e-5, layers + " layer(s): largest difference in the hidden or cell state");
        }
    }

    private static double largestDifference(float[] java, INDArray dl4j) {
        float[] expected = dl4j.castTo(DataType.FLOAT).dup().data().asFloat();
        assertEquals(expected.length, java.length);
        double worst = 0;
        for (int i = 0; i < java.length; i++) {
            worst = Math.max(worst, Math.abs(java[i] - expected[i]));
        }
        return worst;
    }

    @Test
    void recordingTheStateChangesNothingTheNetworkComputes() {
        LanguageModel model = FlipFlopNetwork.build();
        JavaStepEngine plain = new JavaStepEngine(model.snapshotWeights(), 2);
        JavaStepEngine recorded = new JavaStepEngine(model.snapshotWeights(), 2);
        recorded.setRecording(true);
        int[] passage = encode((CharVocabulary) model.vocabulary(), FlipFlopNetwork.TEXT.substring(0, 200));
        for (int symbol : passage) {
            int[] both = {symbol, symbol};
            float[][] a = plain.step(both);
            float[][] b = recorded.step(both);
            assertEquals(List.of(a[0].length, a[1].length), List.of(b[0].length, b[1].length));
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < a[s].length; i++) {
                    assertEquals(a[s][i], b[s][i], 0);
                }
            }
        }
        assertEquals(null, plain.lastState(), "without recording no state is kept");
        assertEquals(FlipFlopNetwork.UNITS, recorded.lastState().units());
    }

    @Test
    void aFeatureThePassageNeverVariesInHasNoBestUnits() {
        LanguageModel model = FlipFlopNetwork.build();
        CharVocabulary vocabulary = (CharVocabulary) model.vocabulary();
        int[] passage = encode(vocabulary, FlipFlopNetwork.TEXT);
        CellAnalysis.Result result = CellAnalysis.analyze(model.snapshotWeights(), vocabulary, passage, 0, Quantity.HIDDEN,
                List.of(TextFeatures.PARENTHESES), share -> { }, () -> false);
        assertEquals(List.of(), result.best().get(TextFeatures.PARENTHESES));
    }

    @Test
    void progressIsReportedAndCancellingStopsTheWork() {
        LanguageModel model = FlipFlopNetwork.build();
        CharVocabulary vocabulary = (CharVocabulary) model.vocabulary();
        int[] passage = encode(vocabulary, FlipFlopNetwork.TEXT.repeat(3));
        List<Double> progress = new ArrayList<>();
        CellAnalysis.analyze(model.snapshotWeights(), vocabulary, passage, 0, Quantity.CELL, TextFeatures.ENGLISH,
                progress::add, () -> false);
        assertTrue(progress.size() >= 3, "progress " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress only grows: " + progress);
        }

        List<Double> cancelled = new ArrayList<>();
        assertThrows(CancellationException.class, () -> CellAnalysis.analyze(model.snapshotWeights(), vocabulary, passage, 0,
                Quantity.CELL, TextFeatures.ENGLISH, cancelled::add, () -> !cancelled.isEmpty()));
        assertEquals(1, cancelled.size(), "it stopped at the first check after the cancel");
    }

    @Test
    void aLayerTheNetworkLacksOrATooShortPassageIsRefusedWithAReason() {
        LanguageModel model = FlipFlopNetwork.build();
        CharVocabulary vocabulary = (CharVocabulary) model.vocabulary();
        int[] passage = encode(vocabulary, FlipFlopNetwork.TEXT);
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> CellAnalysis.analyze(
                model.snapshotWeights(), vocabulary, passage, 1, Quantity.CELL, TextFeatures.ENGLISH, s -> { }, () -> false));
        assertTrue(layer.getMessage().contains("layers 1 to 1"), layer.getMessage());
        IllegalArgumentException shortPassage = assertThrows(IllegalArgumentException.class, () -> CellAnalysis.analyze(
                model.snapshotWeights(), vocabulary, java.util.Arrays.copyOf(passage, 20), 0, Quantity.CELL,
                TextFeatures.ENGLISH, s -> { }, () -> false));
        assertTrue(shortPassage.getMessage().contains("too short"), shortPassage.getMessage());
    }
}
