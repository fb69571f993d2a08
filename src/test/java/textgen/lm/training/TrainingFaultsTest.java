package textgen.lm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.lm.Evaluator;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.TinyModels;
import textgen.lm.io.Checkpoints;
import textgen.lm.io.ModelFile;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus;
import textgen.text.CorpusLoader;

/** Training that goes wrong, is paused for long, or outlives its corpus file still leaves a usable model. */
class TrainingFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenStepOffersALowerLearningRate() throws TrainingException {
        LanguageModel model = TinyModels.untrained();
        TrainingEvent end = new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.BatchDone b && b.batch() == 1) {
                model.network().setLearningRate(1e300);
            }
        }, new TrainingControl()).sampleLength(0).run(2);
        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, end);
        assertEquals(TinyModels.CONFIG.learningRate() / 3, failed.suggestedLearningRate(), 1e-12);
        assertTrue(Double.isFinite(Evaluator.lossNats(model, TinyModels.TEXT)), "the kept weights still work");
    }

    @Test
    void aLossFarWorseThanGuessingCountsAsExploded() {
        double uniform = Math.log(20);
        double limit = Trainer.EXPLODED_LOSS_FACTOR * uniform;
        assertNull(Trainer.brokenBy(uniform, 3.0, limit), "an untrained network's loss is fine");
        assertNull(Trainer.brokenBy(limit * 0.99, 50.0, limit));
        assertTrue(Trainer.brokenBy(limit * 1.5, 50.0, limit).contains("exploded"));
        assertTrue(Trainer.brokenBy(Double.NaN, 1.0, limit).contains("loss became NaN"));
        assertTrue(Trainer.brokenBy(Double.POSITIVE_INFINITY, 1.0, limit).contains("loss became NaN or infinite"));
        assertTrue(Trainer.brokenBy(2.0, Double.NaN, limit).contains("weights"));
    }

    /** An hour's pause (on a fake clock) is not counted as training time, so speed and time left stay true. */
    @Test
    void anHourPausedDoesNotSpoilSpeedOrTimeLeft() throws Exception {
        AtomicLong fakeNanos = new AtomicLong();
        // Each reading of the clock moves it on a millisecond, as if each batch took a few.
        TrainingControl control = new TrainingControl(() -> fakeNanos.addAndGet(1_000_000));
        LanguageModel model = TinyModels.untrained();
        List<TrainingEvent.BatchDone> batches = Collections.synchronizedList(new ArrayList<>());
        Thread worker = new Thread(() -> {
            try {
                new Trainer(model, TinyModels.corpus().split(), e -> {
                    if (e instanceof TrainingEvent.BatchDone b) {
                        batches.add(b);
                        if (batches.size() == 2) {
                            control.pause();
                        }
                    }
                }, control).sampleLength(0).run(2);
            } catch (TrainingException e) {
                throw new AssertionError(e);
            }
        });
        worker.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(batches.size() == 2 && worker.getState() == Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, batches.size(), "paused after the second batch");
        fakeNanos.addAndGet(3_600_000_000_000L); // an hour passes
        control.resume();
        worker.join(20_000);
        assertFalse(worker.isAlive());
        assertTrue(batches.size() > 4);
        TrainingEvent.BatchDone after = batches.get(2);
        // Counting the hour would give well under one character per second and hours left.
        assertTrue(after.charsPerSecond() > 1000, "chars/s " + after.charsPerSecond());
        assertTrue(after.secondsLeft() < 60, "seconds left " + after.secondsLeft());
        assertEquals(2, model.epochsTrained(), "training went on to the end");
    }

    @Test
    void checkpointsRotateKeepingTheNewestFew() throws Exception {
        LanguageModel model = TinyModels.untrained();
        Checkpoints rotation = new Checkpoints(dir.resolve("run"), "tiny", 2);
        List<Path> saved = new ArrayList<>();
        new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.CheckpointSaved c) {
                saved.add(c.file());
            }
        }, new TrainingControl()).rotateCheckpoints(rotation).sampleLength(0).run(4);
        assertEquals(4, saved.size());
        assertEquals(List.of("tiny-epoch-003.tgm", "tiny-epoch-004.tgm"),
                rotation.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(4, ModelFile.load(rotation.list().get(1)).epochsTrained());
        try (var files = Files.list(dir.resolve("run"))) {
            assertEquals(2, files.count(), "no temporary files are left");
        }
    }

    @Test
    void aCheckpointThatCannotBeWrittenIsReportedAndTrainingGoesOn() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "in the way");
        LanguageModel model = TinyModels.untrained();
        List<TrainingEvent.CheckpointFailed> failures = new ArrayList<>();
        TrainingEvent end = new Trainer(model, TinyModels.corpus().split(), e -> {
            if (e instanceof TrainingEvent.CheckpointFailed f) {
                failures.add(f);
            }
        }, new TrainingControl()).rotateCheckpoints(new Checkpoints(notAFolder.resolve("run"), "tiny", 3)).sampleLength(0).run(2);
        assertInstanceOf(TrainingEvent.Finished.class, end);
        assertEquals(2, failures.size());
        assertTrue(failures.get(0).message().contains("training goes on"), failures.get(0).message());
        assertEquals("in the way", Files.readString(notAFolder));
    }

    @Test
    void aCorpusOfOneRepeatedCharacterIsRefusedWithAReason() {
        Corpus same = new Corpus("aaa.txt", "a".repeat(400));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LanguageModel.create(TinyModels.CONFIG, same.vocabulary(), same.name()));
        assertTrue(e.getMessage().contains("only one distinct character, 'a' (U+0061),"), e.getMessage());
        assertTrue(e.getMessage().contains("at least two different characters"), e.getMessage());
    }

    @Test
    void theCorpusFileMayBeDeletedOrChangedOnceTrainingHasStarted() throws Exception {
        Path file = Files.writeString(dir.resolve("c.txt"), TinyModels.TEXT);
        Corpus corpus = CorpusLoader.loadFile(file);
        LanguageModel model = LanguageModel.create(TinyModels.CONFIG, corpus.vocabulary(), corpus.name());
        Trainer trainer = new Trainer(model, corpus.split(), e -> {
            if (e instanceof TrainingEvent.BatchDone b && b.batch() == 1) {
                try {
                    Files.writeString(file, "changed!");
                    Files.delete(file);
                } catch (java.io.IOException ex) {
                    throw new AssertionError(ex);
                }
            }
        }, new TrainingControl()).sampleLength(0);
        assertInstanceOf(TrainingEvent.Finished.class, trainer.run(2));
        assertEquals(2, model.epochsTrained());
    }

    @Test
    void aHugeSeedUsesItsEndAndSaysSo() throws TrainingException {
        LanguageModel model = TinyModels.trained(1);
        String tail = TinyModels.TEXT.repeat(3).substring(0, Generator.MAX_SEED_SYMBOLS);
        String huge = "the dog sat. ".repeat(8000) + tail; // over 100,000 characters
        assertTrue(huge.length() > 100_000);
        Generator.Run run = model.generator().start(huge, Sampler.multinomial(), Rng.seeded(1));
        Generator.Run fromTail = model.generator().start(tail, Sampler.multinomial(), Rng.seeded(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(fromTail.nextDistribution(0), run.nextDistribution(0), 0);
        assertNotNull(run.seedWarning());
        assertTrue(run.seedWarning().contains("last " + Generator.MAX_SEED_SYMBOLS), run.seedWarning());
        assertNull(fromTail.seedWarning());
    }
}
