package textgen.lm;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the DL4J network a {@link NetworkConfig} describes. A character model reads one-hot
 * input; a word model reads word indices through an embedding layer that holds the word
 * vectors. Then come the LSTM layers and a softmax over the vocabulary.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /**
     * The number of weights {@link #build} will create, computed without building it: per LSTM
     * layer {@code nIn*4H + H*4H + 4H}, then {@code H*V + V} for the softmax layer.
     */
    public static long parameterCount(NetworkConfig config, int vocabularySize) {
        return parameterCount(config, vocabularySize, 0);
    }

    /** As {@link #parameterCount(NetworkConfig, int)}, plus {@code V*D} for an embedding of dimension D (0 for none). */
    public static long parameterCount(NetworkConfig config, int vocabularySize, int embeddingDimension) {
        long h = config.units();
        long v = vocabularySize;
        long total = (long) embeddingDimension * v;
        long inputs = embeddingDimension > 0 ? embeddingDimension : v;
        for (int i = 0; i < config.layers(); i++) {
            total += inputs * 4 * h + h * 4 * h + 4 * h;
            inputs = h;
        }
        return total + h * v + v;
    }

    /**
     * The optimiser state {@link #build} will keep, computed without building it: RMSprop keeps
     * one value per weight, except for frozen word vectors, which do not learn.
     */
    public static long updaterStateSize(NetworkConfig config, int vocabularySize, Embedding embedding) {
        int dimension = embedding == null ? 0 : embedding.dimension();
        long all = parameterCount(config, vocabularySize, dimension);
        return embedding != null && embedding.frozen() ? all - (long) vocabularySize * dimension : all;
    }

    public static MultiLayerNetwork build(NetworkConfig config, int vocabularySize) {
        return build(config, vocabularySize, null);
    }

    /** With {@code embedding} not null, a word model: an embedding layer first, and sparse (index) labels. */
    public static MultiLayerNetwork build(NetworkConfig config, int vocabularySize, Embedding embedding) {
        return build(config, vocabularySize, embedding, true);
    }

    /**
     * As {@link #build(NetworkConfig, int, Embedding)}; {@code fused} false builds DL4J's own LSTM
     * layers instead of {@link FusedLstm}, for benchmarks that compare the two.
     */
    public static MultiLayerNetwork build(NetworkConfig config, int vocabularySize, Embedding embedding, boolean fused) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(config.learningRateDecay() > 0
                        // DL4J reads the epoch from the network, which the trainer keeps at the model's epoch.
                        ? new RmsProp(new ExponentialSchedule(ScheduleType.EPOCH, config.learningRate(), 1 - config.learningRateDecay()))
                        : new RmsProp(config.learningRate()))
                .gradientNormalization(config.gradientClip() > 0
                        ? GradientNormalization.ClipElementWiseAbsoluteValue
                        : GradientNormalization.None)
                .gradientNormalizationThreshold(config.gradientClip() > 0 ? config.gradientClip() : 1)
                .list();
        int inputs = vocabularySize;
        if (embedding != null) {
            EmbeddingSequenceLayer.Builder table = new EmbeddingSequenceLayer.Builder()
                    .nIn(vocabularySize)
                    .nOut(embedding.dimension())
                    .hasBias(false)
                    .activation(Activation.IDENTITY)
                    .outputDataFormat(RNNFormat.NCW);
            if (embedding.frozen()) {
                table.updater(new Sgd(0)); // the vectors stay as loaded (DL4J's NoOp would apply raw gradients)
            }
            layers.layer(table.build());
            inputs = embedding.dimension();
        }
        for (int i = 0; i < config.layers(); i++) {
            LSTM.Builder lstm = new LSTM.Builder()
                    .nIn(inputs)
                    .nOut(config.units())
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .dataFormat(RNNFormat.NCW); // [batch, features, time] throughout
            if (config.dropout() > 0 && (i > 0 || embedding != null)) {
                lstm.dropOut(1 - config.dropout()); // DL4J takes the probability of keeping an input
            }
            LSTM built = lstm.build();
            layers.layer(fused ? FusedLstm.of(built) : built);
            inputs = config.units();
        }
        // Word labels are indices: a one-hot label tensor over 10,000 words would be hundreds of megabytes.
        RnnOutputLayer.Builder output = new RnnOutputLayer.Builder(embedding != null ? new LossSparseMCXENT() : new LossMCXENT())
                .nIn(inputs)
                .nOut(vocabularySize)
                .activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW);
        if (config.dropout() > 0) {
            output.dropOut(1 - config.dropout());
        }
        layers.layer(output.build());
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
