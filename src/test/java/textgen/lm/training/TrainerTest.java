package textgen.lm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import textgen.lm.EpochRecord;
import textgen.lm.Evaluator;
import textgen.lm.LanguageModel;
import textgen.lm.TinyModels;
import textgen.lm.io.ModelFile;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus;

class TrainerTest {

    @TempDir
    Path dir;

    @Test
    void anUntrainedNetworkIsNearUniformAndLossIsPerCharacter() {
        LanguageModel model = TinyModels.untrained();
        double lnV = Math.log(model.vocabulary().size());
        assertEquals(lnV, Evaluator.lossNats(model, TinyModels.TEXT), 0.3);
    }

    @Test
    void firstBatchLossMatchesTheUntrainedLoss() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        List<TrainingEvent.BatchDone> batches = new ArrayList<>();
        new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.BatchDone b) {
                batches.add(b);
            }
        }, new TrainingControl()).sampleLength(0).run(1);
        // DL4J's score sums over time; the trainer must report it per character.
        assertEquals(Math.log(model.vocabulary().size()), batches.get(0).lossNats(), 0.3);
    }

    @Test
    void aTinyNetworkOverfitsATinyCorpus() throws TrainingException {
        LanguageModel model = TinyModels.trained(40);
        EpochRecord last = model.history().get(model.history().size() - 1);
        assertEquals(40, last.epoch());
        assertTrue(last.trainLossNats() < 0.5, "train loss " + last.trainLossNats());
        assertTrue(last.validationLossNats() < 1.5, "validation loss " + last.validationLossNats());
        assertTrue(model.history().get(0).trainLossNats() > 2 * last.trainLossNats());
        String greedy = model.generator().generate("the cat sat on the ", Sampler.greedy(), 3, Rng.seeded(1));
        assertEquals("mat", greedy, "it remembers the cat, not the dog");
    }

    @Test
    void reportsEveryKindOfEventInOrder() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingEvent end = new Trainer(model, TinyModels.corpus().split(), events::add, new TrainingControl())
                .sampleLength(30).run(2);
        assertInstanceOf(TrainingEvent.Finished.class, end);
        assertEquals(end, events.get(events.size() - 1));
        List<TrainingEvent.EpochSamples> samples = events.stream()
                .filter(TrainingEvent.EpochSamples.class::isInstance).map(TrainingEvent.EpochSamples.class::cast).toList();
        assertEquals(2, samples.size());
        assertEquals(List.of(0.2, 0.5, 1.0, 1.2), samples.get(0).samples().stream().map(TrainingEvent.Sample::temperature).toList());
        assertTrue(samples.get(0).samples().stream().allMatch(s -> s.text().codePointCount(0, s.text().length()) == 30));
        long epochs = events.stream().filter(TrainingEvent.EpochDone.class::isInstance).count();
        assertEquals(2, epochs);
        TrainingEvent.BatchDone first = (TrainingEvent.BatchDone) events.get(0);
        assertEquals(1, first.epoch());
        assertTrue(first.charsPerSecond() > 0);
        assertEquals(2, model.epochsTrained());
        assertTrue(Double.isFinite(model.history().get(1).validationLossNats()));
    }

    @Test
    void liveSamplesComeFromOneSeedWithTheSameDiceSoOnlyLearningChangesThem() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        Corpus.CorpusSplit split = TinyModels.corpus().split();
        List<TrainingEvent.LiveSample> live = new ArrayList<>();
        Trainer trainer = new Trainer(model, split, e -> {
            if (e instanceof TrainingEvent.LiveSample s) {
                live.add(s);
            }
        }, new TrainingControl()).sampleLength(0).liveSamples(java.time.Duration.ofNanos(1)); // after every batch
        trainer.run(3);
        int batchesPerEpoch = (int) Math.ceil((split.train().length() - 1) / (double) TinyModels.CONFIG.sequenceLength()
                / TinyModels.CONFIG.batchSize());
        assertEquals(3 * batchesPerEpoch, live.size());
        TrainingEvent.LiveSample first = live.get(0);
        TrainingEvent.LiveSample last = live.get(live.size() - 1);
        assertEquals(1.0 / batchesPerEpoch, first.epochs(), 1e-9);
        assertEquals(3.0, last.epochs(), 1e-9);
        assertTrue(live.stream().allMatch(s -> s.seed().equals(first.seed()) && s.temperature() == Trainer.LIVE_SAMPLE_TEMPERATURE));
        assertTrue(split.validation().startsWith(first.seed().strip()) || split.validation().contains(first.seed()),
                "the seed comes from the held-out text: '" + first.seed() + "'");
        assertEquals(100, last.text().codePointCount(0, last.text().length()));
        assertTrue(last.lossNats() < first.lossNats());
        assertFalse(first.text().equals(last.text()), "what the network learnt changes the sample");
        // The same weights and the same dice give the same line again.
        assertEquals(last.text(), trainer.liveSample(3, 0).text());
    }

    @Test
    void liveSamplesFollowTheirIntervalAndAreOffUnlessAsked() throws TrainingException {
        List<TrainingEvent> hourly = new ArrayList<>();
        new Trainer(TinyModels.untrained(), TinyModels.corpus().split(), hourly::add, new TrainingControl())
                .sampleLength(0).liveSamples(java.time.Duration.ofHours(1)).run(2);
        assertEquals(1, hourly.stream().filter(TrainingEvent.LiveSample.class::isInstance).count(), "only the first batch's");
        assertInstanceOf(TrainingEvent.BatchDone.class, hourly.get(0));
        assertInstanceOf(TrainingEvent.LiveSample.class, hourly.get(1));

        List<TrainingEvent> none = new ArrayList<>();
        new Trainer(TinyModels.untrained(), TinyModels.corpus().split(), none::add, new TrainingControl()).sampleLength(0).run(1);
        assertTrue(none.stream().noneMatch(TrainingEvent.LiveSample.class::isInstance));
    }

    @Test
    void aDecayingLearningRateTakesSmallerStepsEachEpochAndFollowsTheModelAcrossAResume() throws Exception {
        // Epoch 1 is the same with or without decay, so epoch 2's first step differs only by the rate.
        double constant = firstStepOfEpoch2(TinyModels.untrained());
        LanguageModel decaying = LanguageModel.create(TinyModels.CONFIG.withLearningRateDecay(0.9),
                textgen.text.CharVocabulary.of(TinyModels.TEXT), "tiny");
        assertEquals(0.1, firstStepOfEpoch2(decaying) / constant, 0.02);
        // Saved after epoch 2 and resumed, the schedule goes on from epoch 3, not from the start.
        Path saved = dir.resolve("decaying.tgm");
        ModelFile.save(decaying, saved);
        LanguageModel resumed = ModelFile.load(saved);
        List<Double> rates = new ArrayList<>();
        new Trainer(resumed, TinyModels.corpus().split(), e -> rates.add(resumed.network().getLearningRate(0)),
                new TrainingControl()).sampleLength(0).run(1);
        assertEquals(TinyModels.CONFIG.learningRate() * 0.01, rates.get(0), 1e-9);
    }

    /** Trains two epochs; returns how far the weights moved in the second epoch's first batch. */
    private static double firstStepOfEpoch2(LanguageModel model) throws TrainingException {
        INDArray[] before = new INDArray[1];
        double[] step = new double[1];
        new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.BatchDone b && b.epoch() == 1 && b.batch() == b.batchesPerEpoch()) {
                before[0] = model.network().params().dup();
            } else if (e instanceof TrainingEvent.BatchDone b && b.epoch() == 2 && b.batch() == 1) {
                step[0] = model.network().params().sub(before[0]).norm2Number().doubleValue();
            }
        }, new TrainingControl()).sampleLength(0).run(2);
        return step[0];
    }

    @Test
    void cancelStopsBetweenBatchesAndLeavesAUsableModel() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        TrainingControl control = new TrainingControl();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingEvent end = new Trainer(model, TinyModels.corpus().split(), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.BatchDone b && b.batch() == 2) {
                control.cancel();
            }
        }, control).run(5);
        assertEquals(new TrainingEvent.Finished(0, true), end);
        assertEquals(2, events.stream().filter(TrainingEvent.BatchDone.class::isInstance).count());
        assertEquals(20, model.generator().generate("the ", Sampler.multinomial(), 20, Rng.seeded(3)).length());
    }

    @Test
    void pauseBlocksUntilResumed() throws Exception {
        LanguageModel model = TinyModels.untrained();
        TrainingControl control = new TrainingControl();
        List<TrainingEvent.BatchDone> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        control.pause();
        Thread worker = new Thread(() -> {
            try {
                new Trainer(model, TinyModels.corpus().split(), e -> {
                    if (e instanceof TrainingEvent.BatchDone b) {
                        batches.add(b);
                    }
                }, control).sampleLength(0).run(1);
            } catch (TrainingException e) {
                throw new AssertionError(e);
            }
        });
        worker.start();
        control.awaitHeld(); // the run reached the pause before its first batch
        assertTrue(batches.isEmpty(), "no batch may run while paused");
        assertTrue(worker.isAlive());
        control.resume();
        worker.join(20_000);
        assertFalse(worker.isAlive());
        assertFalse(batches.isEmpty());
    }

    @Test
    void nonFiniteLossOrWeightsStopTrainingAndKeepTheLastGoodWeights() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        INDArray[] good = new INDArray[1];
        TrainingEvent end = new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.BatchDone b && b.batch() == 2) {
                good[0] = model.network().params().dup();
                // An absurd step size: the next update overflows.
                model.network().setLearningRate(1e300);
            }
        }, new TrainingControl()).sampleLength(0).run(3);
        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, end);
        assertTrue(failed.message().contains("lower learning rate"), failed.message());
        assertTrue(failed.message().contains("batch 3"), failed.message());
        assertEquals(good[0], model.network().params());
        assertTrue(Double.isFinite(Evaluator.lossNats(model, TinyModels.TEXT)));
    }

    @Test
    void checkpointsEachEpochAndResumesFromThem() throws Exception {
        Path file = dir.resolve("ckpt.tgm");
        LanguageModel model = TinyModels.untrained();
        List<TrainingEvent.CheckpointSaved> saved = new ArrayList<>();
        new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.CheckpointSaved c) {
                saved.add(c);
            }
        }, new TrainingControl()).checkpointTo(file).sampleLength(0).run(2);
        assertEquals(2, saved.size());
        assertTrue(Files.size(file) > 1000);

        LanguageModel resumed = ModelFile.load(file);
        assertEquals(2, resumed.epochsTrained());
        new Trainer(resumed, TinyModels.corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(1);
        assertEquals(List.of(1, 2, 3), resumed.history().stream().map(EpochRecord::epoch).toList());
    }

    @Test
    void aCorpusShorterThanOneWindowStillTrains() throws TrainingException {
        Corpus small = new Corpus("small", "abcab");
        LanguageModel model = LanguageModel.create(TinyModels.CONFIG, small.vocabulary(), "small");
        TrainingEvent end = new Trainer(model, small.split(0.2), e -> { }, new TrainingControl()).sampleLength(5).run(2);
        assertInstanceOf(TrainingEvent.Finished.class, end);
    }

    @Test
    void aTrainingTextWithNoKnownCharactersIsRefused() {
        LanguageModel model = TinyModels.untrained();
        TrainingException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
                () -> new Trainer(model, new Corpus("x", "XYZXYZ").split(0.5), ev -> { }, new TrainingControl()));
        assertTrue(e.getMessage().contains("fewer than two characters"));
    }
}
