package textgen.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Steps through DL4J's own {@code rnnTimeStep}. Used as the reference that {@link JavaStepEngine}
 * is tested against and measured beside; it uses (and resets) the network's stored state, so
 * it must run on the thread that owns the network.
 */
public final class Dl4jStepEngine implements StepEngine {

    private final MultiLayerNetwork network;
    private final int streams;
    private final int vocabularySize;

    public Dl4jStepEngine(MultiLayerNetwork network, int vocabularySize, int streams) {
        this.network = network;
        this.streams = streams;
        this.vocabularySize = vocabularySize;
        network.rnnClearPreviousState();
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public void reset() {
        network.rnnClearPreviousState();
    }

    @Override
    public float[][] step(int[] symbols) {
        INDArray input = Nd4j.zeros(DataType.FLOAT, streams, vocabularySize);
        for (int s = 0; s < streams; s++) {
            input.putScalar(s, symbols[s], 1f);
        }
        INDArray out = network.rnnTimeStep(input);
        float[][] result = new float[streams][];
        for (int s = 0; s < streams; s++) {
            result[s] = out.getRow(s).dup().data().asFloat();
        }
        return result;
    }
}
