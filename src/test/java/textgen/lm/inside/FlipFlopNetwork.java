package textgen.lm.inside;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import textgen.lm.LanguageModel;
import textgen.lm.TinyModels;
import textgen.text.CharVocabulary;

/**
 * A one-layer network whose unit 0 is wired by hand to flip at every double quote: its cell
 * state goes to about +1 at an opening quote and to about -1 at a closing one, and stays put in
 * between. The other units keep their random initial weights, so they are the noise it must
 * stand out from.
 */
public final class FlipFlopNetwork {

    public static final String TEXT = "he said \"so it is\" and she said \"no\" then \"yes, it is\" again.\n".repeat(40);
    public static final int UNITS = 8;

    // DL4J's gate blocks, in the order of its LSTM parameters: block input, forget, output, input gate.
    private static final int BLOCK = 0;
    private static final int FORGET = 1;
    private static final int OUTPUT = 2;
    private static final int INPUT = 3;

    private FlipFlopNetwork() {
    }

    public static LanguageModel build() {
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        LanguageModel model = LanguageModel.create(TinyModels.CONFIG.withLayers(1).withUnits(UNITS), vocabulary, "flip-flop");
        MultiLayerNetwork network = model.network();
        INDArray w = network.getParam("0_W");
        INDArray rw = network.getParam("0_RW");
        INDArray b = network.getParam("0_b");
        int quote = vocabulary.indexOf('"');
        for (int gate = 0; gate < 4; gate++) {
            int column = gate * UNITS; // unit 0 of this gate
            for (int symbol = 0; symbol < vocabulary.size(); symbol++) {
                w.putScalar(symbol, column, 0);
            }
            for (int unit = 0; unit < UNITS; unit++) {
                rw.putScalar(unit, column, 0);
            }
        }
        // Elsewhere: keep the cell (forget gate open, input gate shut). At a quote: forget it and
        // write tanh(10 (0.3 - h)), which is +1 when the unit was off or negative and -1 when positive.
        b.putScalar((long) FORGET * UNITS, 10);
        w.putScalar(quote, FORGET * UNITS, -20);
        b.putScalar((long) INPUT * UNITS, -10);
        w.putScalar(quote, INPUT * UNITS, 20);
        b.putScalar((long) BLOCK * UNITS, 3);
        rw.putScalar(0, BLOCK * UNITS, -10);
        b.putScalar((long) OUTPUT * UNITS, 10);
        return model;
    }
}
