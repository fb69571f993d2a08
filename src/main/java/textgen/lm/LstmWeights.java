package textgen.lm;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plain-Java copy of a trained network's weights, laid out for single-step inference.
 *
 * <p>DL4J's {@code LSTM} keeps, per layer, input weights {@code W [nIn, 4H]}, recurrent weights
 * {@code RW [H, 4H]} and bias {@code b [4H]}, with the four gate blocks in the order
 * block input (tanh), forget, output, input gate. The output layer is {@code W [H, V]}, {@code b [V]}.
 * All matrices here are row-major copies of those.
 */
public final class LstmWeights {

    final int vocabularySize;
    final int units;
    final float[][] input;      // per layer, [nIn * 4H]
    final float[][] recurrent;  // per layer, [H * 4H]
    final float[][] bias;       // per layer, [4H]
    final float[] outputWeights; // [H * V]
    final float[] outputBias;    // [V]

    private LstmWeights(int vocabularySize, int units, float[][] input, float[][] recurrent, float[][] bias,
                        float[] outputWeights, float[] outputBias) {
        this.vocabularySize = vocabularySize;
        this.units = units;
        this.input = input;
        this.recurrent = recurrent;
        this.bias = bias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    static LstmWeights of(MultiLayerNetwork network, int layers) {
        Map<String, INDArray> params = network.paramTable();
        float[][] input = new float[layers][];
        float[][] recurrent = new float[layers][];
        float[][] bias = new float[layers][];
        for (int l = 0; l < layers; l++) {
            input[l] = rowMajor(params.get(l + "_W"));
            recurrent[l] = rowMajor(params.get(l + "_RW"));
            bias[l] = rowMajor(params.get(l + "_b"));
        }
        INDArray outW = params.get(layers + "_W");
        int units = (int) outW.size(0);
        int vocabularySize = (int) outW.size(1);
        return new LstmWeights(vocabularySize, units, input, recurrent, bias, rowMajor(outW), rowMajor(params.get(layers + "_b")));
    }

    private static float[] rowMajor(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    public int layers() {
        return input.length;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int units() {
        return units;
    }
}
