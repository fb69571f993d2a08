package textgen.lm;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's LSTM layer with its training passes rewritten: each timestep's element-wise work (the
 * gates, the cell, their gradients) runs as one pass of plain Java over float arrays, and only
 * the matrix products go to native BLAS.
 *
 * <p>Why: DL4J's own layer issues a dozen small native ops per timestep (views, copies, one
 * activation per gate) and runs the forward pass a second time for backpropagation. A profile
 * put 44% of training in those element-wise ops and only 17% in matrix products. Here a
 * timestep costs one product forwards and one backwards, the input and weight-gradient products
 * cover all timesteps at once, and the element-wise loops are in the form the JIT vectorises:
 * one array per gate and row, every array read and written at the same index, with rational
 * activations ({@link LstmMath}) instead of calls to {@code Math}. Gradients match DL4J's to
 * float rounding ({@code FusedLstmTest}).
 *
 * <p>Anything else (masks, another data format or activation, {@code rnnTimeStep}) goes through
 * DL4J's code unchanged. Like every layer, an instance belongs to one thread.
 */
final class FusedLstmLayer extends LSTM {

    // DL4J's order of the four gate blocks in W, RW and b.
    private static final int BLOCK_INPUT = 0; // a = tanh(z)
    private static final int FORGET = 1;
    private static final int OUTPUT = 2;
    private static final int INPUT_GATE = 3;

    /** The buffers of one shape of pass; training and validation each keep theirs. */
    private Pass current;
    private Pass other;
    private boolean forwardCached; // current holds a training forward pass for the next backward pass

    FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fused() {
        return maskArray == null && input != null && input.rank() == 3 && input.dataType() == DataType.FLOAT
                && TimeSeriesUtils.getFormatFromRnnLayer(layerConf()) == RNNFormat.NCW
                && layerConf().getGateActivationFn() instanceof ActivationSigmoid
                && layerConf().getActivationFn() instanceof ActivationTanH;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardCached = false;
        if (!fused()) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray recurrentWeights = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        Pass pass = passFor((int) input.size(0), (int) input.size(2), (int) recurrentWeights.size(0), (int) input.size(1));
        pass.forward(input, getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr), recurrentWeights,
                getParamWithNoise(LSTMParamInitializer.BIAS_KEY, training, workspaceMgr));
        forwardCached = training;
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {pass.batch, pass.units, pass.steps}, 'c');
        return out.assign(pass.allHidden.reshape('c', pass.steps, pass.batch, pass.units).permute(1, 2, 0));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!forwardCached || !fused()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        forwardCached = false;
        Pass pass = current;
        INDArray inputWeights = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray recurrentWeights = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        INDArray inputWeightGradient = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray recurrentWeightGradient = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        pass.backward(epsilon, recurrentWeights, inputWeightGradient, recurrentWeightGradient, biasGradient);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, inputWeightGradient);
        gradient.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, recurrentWeightGradient);
        gradient.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, biasGradient);
        // The first layer's input needs no gradient: it is the data.
        INDArray epsilonOut = null;
        if (getIndex() > 0) {
            INDArray inputGradient = pass.allGates.mmul(inputWeights.transpose()); // [T*B, nIn]
            epsilonOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    new long[] {pass.batch, pass.inputs, pass.steps}, 'c');
            epsilonOut.assign(inputGradient.reshape('c', pass.steps, pass.batch, pass.inputs).permute(1, 2, 0));
            epsilonOut = backpropDropOutIfPresent(epsilonOut);
        }
        return new Pair<>(gradient, epsilonOut);
    }

    /** The buffers for a pass of this shape, reusing the last two shapes' (training's and validation's). */
    private Pass passFor(int batch, int steps, int units, int inputs) {
        if (current == null || !current.fits(batch, steps, units, inputs)) {
            Pass previous = current;
            current = other != null && other.fits(batch, steps, units, inputs) ? other : new Pass(batch, steps, units, inputs);
            other = previous;
        }
        return current;
    }

    /**
     * One shape of pass: T timesteps of B streams, H units, nIn inputs. Rows are numbered
     * {@code t * B + b}; every per-row array holds H values.
     */
    private static final class Pass {
        final int batch;
        final int steps;
        final int units;
        final int inputs;
        final int rows;
        final float[][][] gates;   // [gate][row][H], after activation; the backward pass overwrites them with their gradients
        final float[][] cells;     // [row][H]
        final float[][] cellTanh;  // [row][H]
        final float[][] hidden;    // [row][H]
        final float[][] epsilon;   // [row][H], the gradient arriving from the layer above
        final float[][][] product; // [gate][stream][H], one step's recurrent product
        final float[][] bias;      // [gate][H]
        final float[][] dh;        // [stream][H]
        final float[][] dc;        // [stream][H]
        final float[] zeros;       // [H], the state before the first step and the product at it
        // Native buffers, outside any workspace: the forward pass's are kept for the backward pass.
        final INDArray inputRows;    // [T*B, nIn]
        final INDArray allGates;     // [T*B, 4H]
        final INDArray allHidden;    // [T*B, H]
        final INDArray stepHidden;   // [B, H]
        final INDArray stepGates;    // [B, 4H]
        final INDArray stepGradient; // [B, H]
        final INDArray epsilonRows;  // [T, B, H]

        Pass(int batch, int steps, int units, int inputs) {
            this.batch = batch;
            this.steps = steps;
            this.units = units;
            this.inputs = inputs;
            this.rows = steps * batch;
            gates = new float[4][rows][units];
            cells = new float[rows][units];
            cellTanh = new float[rows][units];
            hidden = new float[rows][units];
            epsilon = new float[rows][units];
            product = new float[4][batch][units];
            bias = new float[4][units];
            dh = new float[batch][units];
            dc = new float[batch][units];
            zeros = new float[units];
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                inputRows = Nd4j.create(DataType.FLOAT, new long[] {rows, inputs}, 'c');
                allGates = Nd4j.create(DataType.FLOAT, new long[] {rows, 4L * units}, 'c');
                allHidden = Nd4j.create(DataType.FLOAT, new long[] {rows, units}, 'c');
                stepHidden = Nd4j.create(DataType.FLOAT, new long[] {batch, units}, 'c');
                stepGates = Nd4j.create(DataType.FLOAT, new long[] {batch, 4L * units}, 'c');
                stepGradient = Nd4j.create(DataType.FLOAT, new long[] {batch, units}, 'c');
                epsilonRows = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, units}, 'c');
            }
        }

        boolean fits(int batchSize, int timesteps, int hiddenUnits, int inputSize) {
            return batchSize == batch && timesteps == steps && hiddenUnits == units && inputSize == inputs;
        }

        void forward(INDArray input, INDArray inputWeights, INDArray recurrentWeights, INDArray biasParam) {
            // The input's share of every gate, for all timesteps in one product.
            inputRows.reshape('c', steps, batch, inputs).assign(input.permute(2, 0, 1));
            Nd4j.gemm(inputRows, inputWeights, allGates, false, false, 1.0, 0.0);
            readGateRows(allGates.data().asNioFloat(), 0, rows, gates);
            float[] flatBias = biasParam.dup('c').toFloatVector();
            for (int g = 0; g < 4; g++) {
                System.arraycopy(flatBias, g * units, bias[g], 0, units);
            }
            FloatBuffer stepHiddenBuffer = stepHidden.data().asNioFloat();
            FloatBuffer stepGatesBuffer = stepGates.data().asNioFloat();
            for (int t = 0; t < steps; t++) {
                if (t > 0) {
                    for (int b = 0; b < batch; b++) {
                        stepHiddenBuffer.put(b * units, hidden[(t - 1) * batch + b]);
                    }
                    Nd4j.gemm(stepHidden, recurrentWeights, stepGates, false, false, 1.0, 0.0);
                    readGateRows(stepGatesBuffer, 0, batch, product);
                }
                for (int b = 0; b < batch; b++) {
                    int row = t * batch + b;
                    for (int g = 0; g < 4; g++) {
                        activate(gates[g][row], bias[g], t > 0 ? product[g][b] : zeros, g == BLOCK_INPUT);
                    }
                    cellStep(gates[BLOCK_INPUT][row], gates[FORGET][row], gates[OUTPUT][row], gates[INPUT_GATE][row],
                            t > 0 ? cells[row - batch] : zeros, cells[row], cellTanh[row], hidden[row]);
                }
            }
            FloatBuffer allHiddenBuffer = allHidden.data().asNioFloat();
            for (int row = 0; row < rows; row++) {
                allHiddenBuffer.put(row * units, hidden[row]);
            }
        }

        void backward(INDArray epsilonIn, INDArray recurrentWeights, INDArray inputWeightGradient,
                      INDArray recurrentWeightGradient, INDArray biasGradient) {
            epsilonRows.assign(epsilonIn.permute(2, 0, 1));
            FloatBuffer epsilonBuffer = epsilonRows.data().asNioFloat();
            for (int row = 0; row < rows; row++) {
                epsilonBuffer.get(row * units, epsilon[row]);
            }
            for (int b = 0; b < batch; b++) {
                java.util.Arrays.fill(dh[b], 0f);
                java.util.Arrays.fill(dc[b], 0f);
            }
            FloatBuffer stepGatesBuffer = stepGates.data().asNioFloat();
            FloatBuffer stepGradientBuffer = stepGradient.data().asNioFloat();
            for (int t = steps - 1; t >= 0; t--) {
                for (int b = 0; b < batch; b++) {
                    int row = t * batch + b;
                    addInto(dh[b], epsilon[row]);
                    cellGradient(gates[BLOCK_INPUT][row], gates[FORGET][row], gates[OUTPUT][row], gates[INPUT_GATE][row],
                            t > 0 ? cells[row - batch] : zeros, cellTanh[row], dh[b], dc[b]);
                }
                if (t > 0) {
                    // dh for the step before: the gate gradients back through the recurrent weights.
                    writeGateRows(stepGatesBuffer, t * batch, batch);
                    Nd4j.gemm(stepGates, recurrentWeights, stepGradient, false, true, 1.0, 0.0);
                    for (int b = 0; b < batch; b++) {
                        stepGradientBuffer.get(b * units, dh[b]);
                    }
                }
            }
            // Weight gradients for all timesteps in one product each.
            writeGateRows(allGates.data().asNioFloat(), 0, rows);
            Nd4j.gemm(inputRows, allGates, inputWeightGradient, true, false, 1.0, 0.0);
            if (steps > 1) {
                // Step t's gate gradients pair with the hidden state of step t - 1.
                INDArray before = allHidden.get(NDArrayIndex.interval(0, rows - batch), NDArrayIndex.all());
                INDArray after = allGates.get(NDArrayIndex.interval(batch, rows), NDArrayIndex.all());
                Nd4j.gemm(before, after, recurrentWeightGradient, true, false, 1.0, 0.0);
            } else {
                recurrentWeightGradient.assign(0);
            }
            float[] flatBias = new float[4 * units];
            for (int g = 0; g < 4; g++) {
                java.util.Arrays.fill(bias[g], 0f);
                for (int row = 0; row < rows; row++) {
                    addInto(bias[g], gates[g][row]);
                }
                System.arraycopy(bias[g], 0, flatBias, g * units, units);
            }
            biasGradient.assign(Nd4j.createFromArray(flatBias).reshape(biasGradient.shape()));
        }

        /** Rows {@code [from, from + count)} of a [rows, 4H] native buffer, into per-gate arrays indexed from 0. */
        private void readGateRows(FloatBuffer buffer, int from, int count, float[][][] into) {
            for (int r = 0; r < count; r++) {
                for (int g = 0; g < 4; g++) {
                    buffer.get(((from + r) * 4 + g) * units, into[g][r]);
                }
            }
        }

        /** Gate rows {@code [from, from + count)} into a [count, 4H] native buffer. */
        private void writeGateRows(FloatBuffer buffer, int from, int count) {
            for (int r = 0; r < count; r++) {
                for (int g = 0; g < 4; g++) {
                    buffer.put((r * 4 + g) * units, gates[g][from + r]);
                }
            }
        }
    }

    // The element-wise loops: every array at the same index, the form the JIT vectorises.

    /** z = activation(z + bias + product), in place. */
    private static void activate(float[] z, float[] bias, float[] product, boolean tanh) {
        if (tanh) {
            for (int j = 0; j < z.length; j++) {
                z[j] = LstmMath.tanh(z[j] + bias[j] + product[j]);
            }
        } else {
            for (int j = 0; j < z.length; j++) {
                z[j] = LstmMath.sigmoid(z[j] + bias[j] + product[j]);
            }
        }
    }

    /** c = f * c' + i * a; h = o * tanh(c). */
    private static void cellStep(float[] a, float[] f, float[] o, float[] i, float[] previousCell, float[] cell,
                                 float[] cellTanh, float[] hidden) {
        for (int j = 0; j < cell.length; j++) {
            float c = f[j] * previousCell[j] + i[j] * a[j];
            float squashed = LstmMath.tanh(c);
            cell[j] = c;
            cellTanh[j] = squashed;
            hidden[j] = o[j] * squashed;
        }
    }

    /**
     * One stream at one step: from dh (the gradient from above plus the one from the next step)
     * and the carried dc, the gates' gradients before activation, written over the gates, and
     * the dc carried to the step before.
     */
    private static void cellGradient(float[] a, float[] f, float[] o, float[] i, float[] previousCell, float[] cellTanh,
                                     float[] dh, float[] dc) {
        for (int j = 0; j < dh.length; j++) {
            float squashed = cellTanh[j];
            float dcj = dh[j] * o[j] * (1 - squashed * squashed) + dc[j];
            float aj = a[j];
            float fj = f[j];
            float oj = o[j];
            float ij = i[j];
            a[j] = dcj * ij * (1 - aj * aj);
            f[j] = dcj * previousCell[j] * fj * (1 - fj);
            o[j] = dh[j] * squashed * oj * (1 - oj);
            i[j] = dcj * aj * ij * (1 - ij);
            dc[j] = dcj * fj;
        }
    }

    private static void addInto(float[] y, float[] x) {
        for (int j = 0; j < y.length; j++) {
            y[j] += x[j];
        }
    }
}
