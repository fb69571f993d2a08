package textgen.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import textgen.sampling.Rng;
import textgen.text.CharVocabulary;

/** The fused LSTM must train exactly as DL4J's own LSTM does: same loss, same gradients, same steps. */
class FusedLstmTest {

    private static MultiLayerNetwork network(boolean fused, int layers, int units, int vocabulary, double dropout) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new RmsProp(0.01))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue).gradientNormalizationThreshold(5)
                .list();
        int inputs = vocabulary;
        for (int l = 0; l < layers; l++) {
            LSTM.Builder builder = new LSTM.Builder().nIn(inputs).nOut(units).activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID).dataFormat(RNNFormat.NCW);
            if (dropout > 0) {
                builder.dropOut(1 - dropout);
            }
            LSTM lstm = builder.build();
            list.layer(fused ? FusedLstm.of(lstm) : lstm);
            inputs = units;
        }
        list.layer(new RnnOutputLayer.Builder(new LossMCXENT()).nIn(units).nOut(vocabulary).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    private static DataSet[] batches(CharVocabulary vocabulary, int count, int batchSize, int steps) {
        WindowBatches windows = new WindowBatches(vocabulary.encode(TinyModels.TEXT, null), vocabulary.size(), steps);
        int[] starts = windows.shuffledStarts(Rng.seeded(3));
        DataSet[] result = new DataSet[count];
        for (int i = 0; i < count; i++) {
            result[i] = windows.batch(starts, (i * batchSize) % (starts.length - batchSize), batchSize);
        }
        return result;
    }

    @ParameterizedTest(name = "{0} layer(s) of {1} units, batches of {2}")
    @CsvSource({"1, 24, 8", "2, 16, 5", "3, 8, 1"})
    void lossGradientsAndStepsMatchDl4j(int layers, int units, int batchSize) {
        CharVocabulary vocabulary = CharVocabulary.of(TinyModels.TEXT);
        MultiLayerNetwork reference = network(false, layers, units, vocabulary.size(), 0);
        MultiLayerNetwork fused = network(true, layers, units, vocabulary.size(), 0);
        assertInstanceOf(FusedLstmLayer.class, fused.getLayer(0));
        assertEquals(reference.params(), fused.params(), "the same initialisation from the same seed");
        for (DataSet batch : batches(vocabulary, 4, batchSize, 12)) {
            reference.setInput(batch.getFeatures());
            reference.setLabels(batch.getLabels());
            reference.computeGradientAndScore();
            fused.setInput(batch.getFeatures());
            fused.setLabels(batch.getLabels());
            fused.computeGradientAndScore();
            assertEquals(reference.score(), fused.score(), 1e-4 * reference.score(), "loss");
            for (String key : reference.gradient().gradientForVariable().keySet()) {
                INDArray expected = reference.gradient().getGradientFor(key);
                INDArray actual = fused.gradient().getGradientFor(key);
                double scale = Math.max(1, expected.amaxNumber().doubleValue());
                assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-5 * scale, "gradient of " + key);
            }
            reference.fit(batch);
            fused.fit(batch);
            assertEquals(0, reference.params().sub(fused.params()).amaxNumber().doubleValue(), 1e-4, "weights after a step");
            INDArray expectedOutput = reference.output(batch.getFeatures());
            assertEquals(0, expectedOutput.sub(fused.output(batch.getFeatures())).amaxNumber().doubleValue(), 1e-5, "output");
        }
    }

    @Test
    void configurationIsCopiedWhole() {
        LSTM lstm = new LSTM.Builder().nIn(5).nOut(7).activation(Activation.TANH).dropOut(0.8).forgetGateBiasInit(2)
                .gateActivationFunction(Activation.SIGMOID).dataFormat(RNNFormat.NCW).build();
        // Lombok's equals compares every field of LSTM and its superclasses.
        assertEquals(lstm, FusedLstm.of(lstm));
    }

    @Test
    void masksFallBackToDl4jsOwnLayer() {
        CharVocabulary vocabulary = CharVocabulary.of(TinyModels.TEXT);
        MultiLayerNetwork reference = network(false, 1, 12, vocabulary.size(), 0);
        MultiLayerNetwork fused = network(true, 1, 12, vocabulary.size(), 0);
        DataSet batch = batches(vocabulary, 1, 4, 10)[0];
        INDArray mask = Nd4j.ones(DataType.FLOAT, 4, 10);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 10)).assign(0);
        INDArray expected = reference.output(batch.getFeatures(), false, mask, null);
        INDArray actual = fused.output(batch.getFeatures(), false, mask, null);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void dropoutTrainsDown() {
        CharVocabulary vocabulary = CharVocabulary.of(TinyModels.TEXT);
        MultiLayerNetwork fused = network(true, 2, 16, vocabulary.size(), 0.2);
        DataSet[] data = batches(vocabulary, 6, 8, 12);
        fused.setInput(data[0].getFeatures());
        fused.setLabels(data[0].getLabels());
        fused.computeGradientAndScore();
        double before = fused.score();
        for (int epoch = 0; epoch < 15; epoch++) {
            for (DataSet batch : data) {
                fused.fit(batch);
            }
        }
        fused.setInput(data[0].getFeatures());
        fused.setLabels(data[0].getLabels());
        fused.computeGradientAndScore();
        assertTrue(fused.score() < 0.7 * before, "loss " + before + " -> " + fused.score());
    }
}
