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
 * All matrices here are copies of those, one array per row: a loop over one row and one gate
 * vector with the same index is one the JIT vectorises, where a flat matrix read at a row
 * offset is not (it cannot rule out that the two overlap).
 *
 * <p>A word model's first layer is an embedding table {@code E [V, D]}; a word's input to the
 * first LSTM is then row {@code w} of {@code E W}. That product is computed once here, so a
 * step costs the same table lookup as a character model's one-hot input.
 */
public final class LstmWeights {

    final int vocabularySize;
    final int units;
    final float[][][] input;     // per layer, [nIn][4H]
    final float[][][] recurrent; // per layer, [H][4H]
    final float[][] bias;        // per layer, [4H]
    final float[][] outputWeights; // [H][V]
    final float[] outputBias;      // [V]

    private LstmWeights(int vocabularySize, int units, float[][][] input, float[][][] recurrent, float[][] bias,
                        float[][] outputWeights, float[] outputBias) {
        this.vocabularySize = vocabularySize;
        this.units = units;
        this.input = input;
        this.recurrent = recurrent;
        this.bias = bias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    static LstmWeights of(MultiLayerNetwork network, int layers, boolean embedded) {
        Map<String, INDArray> params = network.paramTable();
        int first = embedded ? 1 : 0; // the LSTM layers' indices follow the embedding's
        float[][][] input = new float[layers][][];
        float[][][] recurrent = new float[layers][][];
        float[][] bias = new float[layers][];
        for (int l = 0; l < layers; l++) {
            INDArray w = params.get((first + l) + "_W");
            if (l == 0 && embedded) {
                w = params.get("0_W").mmul(w);
            }
            input[l] = rows(w);
            recurrent[l] = rows(params.get((first + l) + "_RW"));
            bias[l] = rowMajor(params.get((first + l) + "_b"));
        }
        INDArray outW = params.get((first + layers) + "_W");
        int units = (int) outW.size(0);
        int vocabularySize = (int) outW.size(1);
        return new LstmWeights(vocabularySize, units, input, recurrent, bias, rows(outW),
                rowMajor(params.get((first + layers) + "_b")));
    }

    private static float[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
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
