package textgen.lm.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import textgen.lm.EpochRecord;
import textgen.lm.Evaluator;
import textgen.lm.GeneratedSymbol;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.WindowBatches;
import textgen.lm.io.Checkpoints;
import textgen.lm.io.ModelFile;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.sampling.TemperatureScale;
import textgen.text.Corpus.CorpusSplit;
import textgen.text.Vocabulary;

/**
 * Trains a {@link LanguageModel} on the calling thread, which must be the thread that owns the
 * network, and reports {@link TrainingEvent}s to a listener on that same thread.
 */
public final class Trainer {

    /** The temperatures the classic loop samples at after each epoch. */
    public static final List<Double> SAMPLE_TEMPERATURES = TemperatureScale.PRESETS;

    /** The temperature of the live samples between epochs. */
    public static final double LIVE_SAMPLE_TEMPERATURE = 0.5;

    /**
     * A batch loss this many times that of guessing uniformly means training has exploded:
     * the network does far worse than knowing nothing.
     */
    static final double EXPLODED_LOSS_FACTOR = 3;

    private final LanguageModel model;
    private final Consumer<TrainingEvent> listener;
    private final TrainingControl control;
    private final int[] train;
    private final int[] validation; // encoded once: every epoch measures and samples from it
    private Path checkpoint;
    private Checkpoints checkpoints;
    private boolean checkpointOptimizerState = true;
    private int sampleLength = 200;
    private long liveSampleNanos; // 0: no live samples
    private final String liveSeed;

    public Trainer(LanguageModel model, CorpusSplit split, Consumer<TrainingEvent> listener, TrainingControl control)
            throws TrainingException {
        this.model = model;
        this.listener = listener;
        this.control = control;
        this.train = model.vocabulary().encode(split.train(), null);
        this.validation = model.vocabulary().encode(split.validation(), null);
        if (train.length < 2) {
            throw new TrainingException("The training text has fewer than two " + model.vocabulary().unit()
                    + "s the model knows; a model needs some text to learn from.");
        }
        this.liveSeed = liveSeed();
    }

    /** Writes the model to {@code file} (atomically) after every epoch. */
    public Trainer checkpointTo(Path file) {
        this.checkpoint = file;
        return this;
    }

    /**
     * Also writes a checkpoint into {@code rotation} after every epoch, keeping the newest few. A
     * failure there is reported as {@link TrainingEvent.CheckpointFailed} and training goes on.
     */
    public Trainer rotateCheckpoints(Checkpoints rotation) {
        this.checkpoints = rotation;
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

    /**
     * Every {@code interval} of training (and after the first batch), a line generated from the
     * current weights: the same seed and the same dice each time, so that only what the network
     * learnt changes it. Zero turns them off.
     */
    public Trainer liveSamples(java.time.Duration interval) {
        this.liveSampleNanos = interval.toNanos();
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
        WindowBatches windows = new WindowBatches(train, model.vocabulary().size(), config.sequenceLength(), model.isWordLevel());
        int batchSize = config.batchSize();
        int batchesPerEpoch = (windows.windowCount() + batchSize - 1) / batchSize;
        WindowBatches.Reusable buffer = windows.new Reusable(Math.min(batchSize, windows.windowCount()));
        // The last good weights, kept in place rather than copied afresh each batch.
        INDArray goodParams = network.params().dup();
        INDArray updaterView = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        INDArray goodUpdater = updaterView == null ? null : updaterView.dup();
        // Speeds and estimates count only time spent training, not time spent paused.
        long runStart = activeNanos();
        long batchesDone = 0;
        long totalBatches = (long) batchesPerEpoch * epochs;
        int firstEpoch = model.epochsTrained() + 1;
        int lastEpoch = model.epochsTrained() + epochs;
        double explodedAbove = EXPLODED_LOSS_FACTOR * Math.log(Math.max(2, model.vocabulary().size()));
        long lastLiveSample = runStart - liveSampleNanos; // the first comes after the first batch
        double liveLossSum = 0;
        int liveLossBatches = 0;
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
            network.setEpochCount(epoch - 1); // a decaying learning rate follows the model's epochs, resumed or not
            RandomGenerator order = Rng.seeded(config.seed() * 31 + epoch);
            int[] starts = windows.shuffledStarts(order);
            long epochStart = activeNanos();
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
                String broken = brokenBy(loss, network.params().amaxNumber().doubleValue(), explodedAbove);
                if (broken != null) {
                    network.params().assign(goodParams);
                    if (goodUpdater != null) {
                        network.getUpdater().getStateViewArray().assign(goodUpdater);
                    }
                    double lower = config.learningRate() / 3;
                    return new TrainingEvent.Failed(String.format(java.util.Locale.ROOT,
                            "Training stopped at epoch %d, batch %d: %s, so the network can no longer learn. The last"
                                    + " good weights are kept. Try again with a lower learning rate, such as %.2g.",
                            epoch, batch + 1, broken, lower), lower);
                }
                lossSum += loss * count;
                positions += count;
                batchesDone++;
                long now = activeNanos();
                double seconds = (now - epochStart) / 1e9;
                double runSeconds = (now - runStart) / 1e9;
                double perBatch = runSeconds / batchesDone;
                listener.accept(new TrainingEvent.BatchDone(epoch, lastEpoch, batch + 1, batchesPerEpoch, loss,
                        (double) (from + count) * windows.windowLength() / Math.max(seconds, 1e-9),
                        perBatch * (totalBatches - batchesDone)));
                liveLossSum += loss;
                liveLossBatches++;
                if (liveSampleNanos > 0 && now - lastLiveSample >= liveSampleNanos) {
                    listener.accept(liveSample(epoch - 1 + (batch + 1.0) / batchesPerEpoch, liveLossSum / liveLossBatches));
                    lastLiveSample = now;
                    liveLossSum = 0;
                    liveLossBatches = 0;
                }
            }
            double seconds = (activeNanos() - epochStart) / 1e9;
            double validationLoss = Evaluator.lossNats(model, validation);
            EpochRecord record = new EpochRecord(epoch, lossSum / positions, validationLoss, seconds);
            model.addEpoch(record);
            listener.accept(new TrainingEvent.EpochDone(record, lastEpoch));
            if (sampleLength > 0) {
                listener.accept(samples(epoch));
            }
            if (checkpoints != null) {
                try {
                    Path file = checkpoints.save(model, epoch, checkpointOptimizerState);
                    listener.accept(new TrainingEvent.CheckpointSaved(epoch, file));
                } catch (IOException e) {
                    listener.accept(new TrainingEvent.CheckpointFailed(epoch, "The checkpoint after epoch " + epoch
                            + " could not be written to " + checkpoints.folder() + " (" + e.getMessage()
                            + "); the earlier ones are kept and training goes on."));
                }
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

    /** Why a step broke training (NaN or infinite loss or weights, or an exploded loss), or null if it did not. */
    static String brokenBy(double loss, double largestWeight, double explodedAbove) {
        if (!Double.isFinite(loss)) {
            return "the loss became NaN or infinite";
        }
        // A step can leave a finite loss but broken weights.
        if (!Double.isFinite(largestWeight)) {
            return "the weights became NaN or infinite";
        }
        if (loss > explodedAbove) {
            return String.format(java.util.Locale.ROOT, "the loss exploded to %.1f nats per character,"
                    + " far worse than guessing (%.1f)", loss, explodedAbove / EXPLODED_LOSS_FACTOR);
        }
        return null;
    }

    private long activeNanos() {
        return control.now() - control.pausedNanos();
    }

    /** One line from the current weights, from {@link #liveSeed} with the same dice every time. */
    public TrainingEvent.LiveSample liveSample(double epochs, double lossNats) {
        int length = model.isWordLevel() ? LIVE_SAMPLE_WORDS : LIVE_SAMPLE_CHARACTERS;
        String text = model.generator().generate(liveSeed, Sampler.withTemperature(LIVE_SAMPLE_TEMPERATURE), length,
                Rng.seeded(model.config().seed()));
        return new TrainingEvent.LiveSample(epochs, lossNats, LIVE_SAMPLE_TEMPERATURE, liveSeed, text);
    }

    private static final int LIVE_SAMPLE_CHARACTERS = 100;
    private static final int LIVE_SAMPLE_WORDS = 24;

    /**
     * The live samples' seed: the start of the held-out text (or of the training text if there
     * is none), from its first word to a word end about 30 characters on, or its first 8 words.
     */
    private String liveSeed() {
        int[] source = validation.length >= 2 ? validation : train;
        Vocabulary vocabulary = model.vocabulary();
        if (model.isWordLevel()) {
            return vocabulary.decode(java.util.Arrays.copyOfRange(source, 0, Math.min(8, source.length)));
        }
        int start = 0;
        for (int i = 1; i < Math.min(source.length, 200); i++) {
            if (isSpace(vocabulary, source[i - 1]) && !isSpace(vocabulary, source[i])) {
                start = i;
                break;
            }
        }
        int end = Math.min(source.length, start + 30);
        for (int i = end; i < Math.min(source.length, start + 60); i++) {
            if (isSpace(vocabulary, source[i])) {
                end = i + 1; // a space last, so that the sample starts a new word
                break;
            }
        }
        return vocabulary.decode(java.util.Arrays.copyOfRange(source, start, end));
    }

    private static boolean isSpace(Vocabulary vocabulary, int symbol) {
        return vocabulary.symbol(symbol).isBlank();
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
            List<GeneratedSymbol> step = run.step();
            for (int s = 0; s < texts.length; s++) {
                texts[s].append(step.get(s).text());
            }
        }
        List<TrainingEvent.Sample> result = new ArrayList<>();
        for (int s = 0; s < texts.length; s++) {
            result.add(new TrainingEvent.Sample(SAMPLE_TEMPERATURES.get(s), texts[s].toString()));
        }
        return new TrainingEvent.EpochSamples(epoch, seed, result);
    }
}
