package textgen.lm.training;

import java.util.List;
import textgen.lm.EpochRecord;

/** What a training run reports as it goes. Immutable, so any thread may read them. */
public sealed interface TrainingEvent {

    /**
     * One minibatch was trained.
     *
     * @param lossNats the batch's mean loss per character
     * @param charsPerSecond training throughput over the epoch so far (timesteps per second)
     * @param secondsLeft estimated time to the end of the run
     */
    record BatchDone(int epoch, int epochs, int batch, int batchesPerEpoch, double lossNats,
                     double charsPerSecond, double secondsLeft) implements TrainingEvent {
    }

    /**
     * Between epochs, a line from the current weights, always from the same seed with the same
     * dice, so that a class sees the text improve as training goes.
     *
     * @param epochs how far training has come, in epochs (1.5 is halfway through the second)
     * @param lossNats the mean training loss of the batches since the previous live sample
     */
    record LiveSample(double epochs, double lossNats, double temperature, String seed, String text) implements TrainingEvent {
    }

    /** An epoch ended and was measured on the validation text. */
    record EpochDone(EpochRecord record, int epochs) implements TrainingEvent {
    }

    /** After each epoch, as the classic loop prints: text from one seed at several temperatures. */
    record EpochSamples(int epoch, String seed, List<Sample> samples) implements TrainingEvent {
    }

    /** A generated sample at one temperature. */
    record Sample(double temperature, String text) {
    }

    /** A checkpoint was written after an epoch. */
    record CheckpointSaved(int epoch, java.nio.file.Path file) implements TrainingEvent {
    }

    /** The run ended normally or by request; the model holds the last completed batch's weights. */
    record Finished(int epochsTrained, boolean cancelled) implements TrainingEvent {
    }

    /**
     * The run stopped on a problem; {@code message} says what and what to do. The last good
     * weights are kept. {@code suggestedLearningRate} is a rate to try again with when the
     * learning rate was the likely cause, else NaN; {@code resumeFrom} is a checkpoint to go on
     * from when the run itself broke off (its process died), else null.
     */
    record Failed(String message, double suggestedLearningRate, java.nio.file.Path resumeFrom) implements TrainingEvent {
        public Failed(String message) {
            this(message, Double.NaN);
        }

        public Failed(String message, double suggestedLearningRate) {
            this(message, suggestedLearningRate, null);
        }
    }

    /** A checkpoint could not be written; training goes on. */
    record CheckpointFailed(int epoch, String message) implements TrainingEvent {
    }
}
