package textgen.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus.CorpusSplit;

/**
 * Trains a {@link CharModel} on the calling thread, which must be the thread that owns the
 * network, and reports {@link TrainingEvent}s to a listener on that same thread.
 */
public final class Trainer {

    /** The temperatures the classic loop samples at after each epoch. */
    public static final List<Double> SAMPLE_TEMPERATURES = List.of(0.2, 0.5, 1.0, 1.2);

    private final CharModel model;
    private final Consumer<TrainingEvent> listener;
    private final TrainingControl control;
    private final int[] train;
    private final int[] validation; // encoded once: every epoch measures and samples from it
    private Path checkpoint;
    private boolean checkpointOptimizerState = true;
    private int sampleLength = 200;

    public Trainer(CharModel model, CorpusSplit split, Consumer<TrainingEvent> listener, TrainingControl control)
            throws TrainingException {
        this.model = model;
        this.listener = listener;
        this.control = control;
        this.train = model.vocabulary().encode(split.train(), null);
        this.validation = model.vocabulary().encode(split.validation(), null);
        if (train.length < 2) {
            throw new TrainingException("The training text has fewer than two characters the model knows;"
                    + " a model needs some text to learn from.");
        }
    }

    /** Writes the model to {@code file} (atomically) after every epoch. */
    public Trainer checkpointTo(Path file) {
        this.checkpoint = file;
        return this;
    }

    /** Whether checkpoints hold the optimiser state (needed to resume exactly; doubles the size). */
    public Trainer checkpointOptimizerState(boolean include) {
        this.checkpointOptimizerState = include;
        return this;
    }

    /** Characters per sample after each epoch; 0 turns samples off. */
    public Trainer sampleLength(int length) {
        this.sampleLength = length;
        return this;
    }

    /** Trains {@code epochs} more epochs; returns the last event sent, {@code Finished} or {@code Failed}. */
    public TrainingEvent run(int epochs) {
        TrainingEvent end;
        try {
            end = trainEpochs(epochs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = new TrainingEvent.Finished(model.epochsTrained(), true);
        } catch (RuntimeException | OutOfMemoryError e) {
            end = new TrainingEvent.Failed("Training stopped because of an internal error (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). The last good weights are kept.");
        }
        listener.accept(end);
        return end;
    }

    private TrainingEvent trainEpochs(int epochs) throws InterruptedException {
        MultiLayerNetwork network = model.network();
        NetworkConfig config = model.config();
        WindowBatches windows = new WindowBatches(train, model.vocabulary().size(), config.sequenceLength());
        int batchSize = config.batchSize();
        int batchesPerEpoch = (windows.windowCount() + batchSize - 1) / batchSize;
        WindowBatches.Reusable buffer = windows.new Reusable(Math.min(batchSize, windows.windowCount()));
        // The last good weights, kept in place rather than copied afresh each batch.
        INDArray goodParams = network.params().dup();
        INDArray updaterView = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        INDArray goodUpdater = updaterView == null ? null : updaterView.dup();
        long runStart = System.nanoTime();
        long batchesDone = 0;
        long totalBatches = (long) batchesPerEpoch * epochs;
        int firstEpoch = model.epochsTrained() + 1;
        int lastEpoch = model.epochsTrained() + epochs;
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
            RandomGenerator order = Rng.seeded(config.seed() * 31 + epoch);
            int[] starts = windows.shuffledStarts(order);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long positions = 0;
            for (int batch = 0; batch < batchesPerEpoch; batch++) {
                if (!control.awaitRunnable()) {
                    return new TrainingEvent.Finished(model.epochsTrained(), true);
                }
                int from = batch * batchSize;
                int count = Math.min(batchSize, starts.length - from);
                DataSet data = count == buffer.count() ? buffer.batch(starts, from) : windows.batch(starts, from, count);
                goodParams.assign(network.params());
                if (goodUpdater != null) {
                    goodUpdater.assign(network.getUpdater().getStateViewArray());
                }
                network.fit(data);
                double loss = network.score() / windows.windowLength();
                // A step can leave finite loss but broken weights; both mean "restore".
                if (!Double.isFinite(loss) || !Double.isFinite(network.params().amaxNumber().doubleValue())) {
                    network.params().assign(goodParams);
                    if (goodUpdater != null) {
                        network.getUpdater().getStateViewArray().assign(goodUpdater);
                    }
                    return new TrainingEvent.Failed(String.format(java.util.Locale.ROOT,
                            "Training stopped at epoch %d, batch %d: the %s became NaN or infinite, so the network"
                                    + " can no longer learn. The last good weights are kept. Try again with a lower"
                                    + " learning rate, such as %.2g.",
                            epoch, batch + 1, Double.isFinite(loss) ? "weights" : "loss", config.learningRate() / 3));
                }
                lossSum += loss * count;
                positions += count;
                batchesDone++;
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                double runSeconds = (System.nanoTime() - runStart) / 1e9;
                double perBatch = runSeconds / batchesDone;
                listener.accept(new TrainingEvent.BatchDone(epoch, lastEpoch, batch + 1, batchesPerEpoch, loss,
                        (double) (from + count) * windows.windowLength() / Math.max(seconds, 1e-9),
                        perBatch * (totalBatches - batchesDone)));
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double validationLoss = Evaluator.lossNats(model, validation);
            EpochRecord record = new EpochRecord(epoch, lossSum / positions, validationLoss, seconds);
            model.addEpoch(record);
            listener.accept(new TrainingEvent.EpochDone(record, lastEpoch));
            if (sampleLength > 0) {
                listener.accept(samples(epoch));
            }
            if (checkpoint != null) {
                try {
                    ModelFile.save(model, checkpoint, checkpointOptimizerState);
                    listener.accept(new TrainingEvent.CheckpointSaved(epoch, checkpoint));
                } catch (IOException e) {
                    return new TrainingEvent.Failed("The checkpoint after epoch " + epoch + " could not be written to "
                            + checkpoint + " (" + e.getMessage() + "). The previous file is unchanged;"
                            + " choose another place to save.");
                }
            }
        }
        return new TrainingEvent.Finished(model.epochsTrained(), false);
    }

    /** A seed drawn from the validation text (or the training text if that is too short), then one sample per temperature. */
    private TrainingEvent.EpochSamples samples(int epoch) {
        RandomGenerator rng = Rng.seeded(model.config().seed() + 7919L * epoch);
        int[] source = validation;
        if (source.length < 2) {
            source = train;
        }
        int seedLength = Math.min(model.config().sequenceLength(), source.length);
        int start = rng.nextInt(source.length - seedLength + 1);
        String seed = model.vocabulary().decode(java.util.Arrays.copyOfRange(source, start, start + seedLength));
        List<Sampler> samplers = new ArrayList<>();
        for (double t : SAMPLE_TEMPERATURES) {
            samplers.add(Sampler.withTemperature(t));
        }
        Generator.Run run = model.generator().start(seed, samplers, rng);
        StringBuilder[] texts = new StringBuilder[samplers.size()];
        for (int s = 0; s < texts.length; s++) {
            texts[s] = new StringBuilder();
        }
        for (int i = 0; i < sampleLength; i++) {
            List<GeneratedChar> step = run.step();
            for (int s = 0; s < texts.length; s++) {
                texts[s].appendCodePoint(step.get(s).codePoint());
            }
        }
        List<TrainingEvent.Sample> result = new ArrayList<>();
        for (int s = 0; s < texts.length; s++) {
            result.add(new TrainingEvent.Sample(SAMPLE_TEMPERATURES.get(s), texts[s].toString()));
        }
        return new TrainingEvent.EpochSamples(epoch, seed, result);
    }
}
