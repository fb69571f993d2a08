package textgen.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.lm.LanguageModel;
import textgen.lm.ModelFile;
import textgen.lm.NetworkConfig;
import textgen.lm.TrainingEvent;
import textgen.text.Corpus;
import textgen.text.CharVocabulary;

/** The engine behind the window: hammered, left running, and shut down at awkward moments. */
class EngineServiceTest {

    private static Path modelFile;
    private EngineService engine;
    private Set<Thread> threadsBefore;

    @BeforeAll
    static void saveATinyModel(@TempDir Path dir) throws Exception {
        NetworkConfig config = NetworkConfig.DEFAULT.withUnits(12).withSequenceLength(10).withBatchSize(4);
        LanguageModel model = LanguageModel.create(config, CharVocabulary.of("the cat sat on the mat.\n"), "tiny");
        modelFile = dir.resolve("tiny.tgm");
        ModelFile.save(model, modelFile);
    }

    @BeforeEach
    void start() throws Exception {
        threadsBefore = engineThreads();
        engine = new EngineService();
        engine.loadFile(modelFile).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        engine.shutdown(2000);
    }

    @Test
    void startingAndStoppingAHundredTimesLeavesOneWorkingGeneration() throws Exception {
        for (int i = 0; i < 100; i++) {
            engine.generate("the ", 1_000_000, 0, (long) i);
            engine.stopGeneration();
        }
        int last = engine.generate("the ", 300, 0, 7L);
        AtomicLong taken = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken.get() < 300 && System.nanoTime() < deadline) {
            engine.drainGenerated(512).stream().filter(s -> s.generation() == last).forEach(s -> taken.incrementAndGet());
            Thread.sleep(5);
        }
        assertEquals(300, taken.get(), "the last generation ran to its end");
        assertTrue(engineThreads().size() - threadsBefore.size() <= 2, "two workers at most: " + engineThreads());
    }

    /** A million characters at full speed: memory stays flat, and the backlog never exceeds its bound. */
    @Test
    void aMillionCharactersKeepMemoryFlat() throws Exception {
        int id = engine.generate("the ", 1_000_000, 0, 1L);
        Thread.sleep(500); // nobody takes anything for a while
        assertTrue(engine.backlog() <= EngineService.MAX_BACKLOG, "backlog " + engine.backlog());

        long taken = 0;
        long heapAtStart = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (taken < 1_000_000 && System.nanoTime() < deadline) {
            taken += engine.drainGenerated(4096).stream().filter(s -> s.generation() == id).count();
            if (heapAtStart == 0 && taken >= 100_000) {
                heapAtStart = settledHeap();
            }
        }
        assertEquals(1_000_000, taken);
        long growth = settledHeap() - heapAtStart;
        assertTrue(growth < 16 << 20, "heap grew by " + growth / 1024 + " kB between 100k and 1M characters");
    }

    @Test
    void shuttingDownMidGenerationEndsEveryWorkerWithinTwoSeconds() throws Exception {
        engine.generate("the ", 1_000_000, 0, 1L);
        engine.requestContext("the cat");
        engine.loadFile(modelFile); // queued behind nothing, running or about to
        Thread.sleep(50);
        long start = System.nanoTime();
        assertTrue(engine.shutdown(2000), "the workers ended");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        waitForThreadsToEnd();
        assertEquals(threadsBefore, engineThreads(), "no worker threads are left behind");
    }

    @Test
    void requestsAfterShutdownAreRefusedQuietly() throws Exception {
        engine.shutdown(2000);
        engine.generate("the ", 10, 0, 1L);
        engine.requestContext("x");
        assertTrue(engine.loadFile(modelFile).isCompletedExceptionally());
        waitForThreadsToEnd();
        assertEquals(threadsBefore, engineThreads());
    }

    /** Training runs in a process of its own, so its death (a native crash, say) leaves the window's engine working. */
    @Test
    void aTrainingProcessThatDiesLeavesTheLastEpochsModelAndCanBeResumed(@TempDir Path checkpoints) throws Exception {
        Corpus corpus = new Corpus("cats", "the cat sat on the mat. the dog sat on the log.\n".repeat(30));
        NetworkConfig tiny = NetworkConfig.DEFAULT.withUnits(16).withSequenceLength(12).withBatchSize(8);
        CompletableFuture<TrainingEvent> run = engine.train(corpus, tiny, 3, checkpoints, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<TrainingEvent> events = new ArrayList<>();
        while (events.stream().noneMatch(e -> e instanceof TrainingEvent.CheckpointSaved) && System.nanoTime() < deadline) {
            events.addAll(engine.drainTrainingEvents());
            Thread.sleep(2);
        }
        assertEquals("cats (training)", engine.current().name(), "the first epoch's model is in use");
        engine.trainingProcess().kill(); // as a crash in native code would end it

        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, run.get(30, TimeUnit.SECONDS));
        assertTrue(failed.message().startsWith("The training process stopped unexpectedly"), failed.message());
        assertTrue(failed.message().contains("is kept"), failed.message());
        assertTrue(engine.drainTrainingEvents().contains(failed), "the window hears of it");
        assertFalse(engine.isTraining());
        assertEquals("cats", engine.current().name());
        int kept = engine.current().model().epochsTrained();
        assertTrue(kept >= 1);

        int id = engine.generate("the ", 50, 0, 3L);
        long taken = 0;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken < 50 && System.nanoTime() < deadline) {
            taken += engine.drainGenerated(64).stream().filter(s -> s.generation() == id).count();
            Thread.sleep(5);
        }
        assertEquals(50, taken, "generation goes on from the kept model");

        Path checkpoint = failed.resumeFrom();
        assertTrue(checkpoint != null && Files.exists(checkpoint), "a checkpoint to resume from: " + checkpoint);
        TrainingEvent resumed = engine.continueTraining(corpus, checkpoint, 3).get(120, TimeUnit.SECONDS);
        assertEquals(new TrainingEvent.Finished(3, false), resumed, "the resumed run trains up to the epochs asked for");
        assertEquals(3, engine.current().model().epochsTrained());
        assertTrue(Files.exists(checkpoint.resolveSibling("cats-epoch-003.tgm")), "its checkpoints go beside the first run's");
    }

    private void waitForThreadsToEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!engineThreads().equals(threadsBefore) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("textgen-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
