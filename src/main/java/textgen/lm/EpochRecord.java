package textgen.lm;

import textgen.sampling.Distributions;

/**
 * One epoch of a model's training history; losses are mean negative log-likelihood per character, in nats.
 *
 * @param epoch 1-based epoch number over the model's whole life (resumed runs continue the count)
 * @param trainLossNats mean training loss over the epoch's batches
 * @param validationLossNats loss on the held-out text after the epoch, or NaN if there was none
 * @param seconds wall-clock training time of the epoch
 */
public record EpochRecord(int epoch, double trainLossNats, double validationLossNats, double seconds) {

    public double trainLossBits() {
        return Distributions.natsToBits(trainLossNats);
    }

    public double validationLossBits() {
        return Distributions.natsToBits(validationLossNats);
    }
}
