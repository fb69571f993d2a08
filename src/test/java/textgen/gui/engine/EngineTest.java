package textgen.gui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.io.ModelFile;
import textgen.lm.training.TrainingEvent;
import textgen.text.CharVocabulary;
import textgen.text.Corpus;

/**
 * The engine behind the window, without the window: its work started in one place, hammered,
 * left running, and shut down at awkward moments. UI-thread work runs in place here.
 */
class EngineTest {

    private static Path modelFile;
    private Engine engine;
    private final List<Problem> problems = new CopyOnWriteArrayList<>();
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
        engine = new Engine(Runnable::run);
        engine.tasks().reportProblemsTo(problems::add);
        engine.models().loadFile(modelFile).start().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        engine.shutdown(2000);
    }

    // ---- background tasks ----

    @Test
    void aFailureNobodyExpectedReachesTheUserAndWhatFollowsStillRuns() throws Exception {
        List<String> after = new ArrayList<>();
        CompletableFuture<Object> done = engine.tasks().task(Lane.FILES, "reading the corpus", () -> {
            throw new IllegalStateException("disk on fire");
        }).onFinally(() -> after.add("finally")).start();
        assertTrue(done.handle((v, e) -> e).get(5, TimeUnit.SECONDS) instanceof IllegalStateException);
        assertEquals(List.of("finally"), after, "a 'Reading…' is always ended");
        assertEquals(1, problems.size());
        Problem shown = problems.get(0);
        assertTrue(shown.message().startsWith("Reading the corpus stopped because of an internal error (IllegalStateException:"
                + " disk on fire)."), shown.message());
        assertFalse(shown.message().contains("Exception:") && shown.message().contains("\tat "), "no stack trace");
    }

    @Test
    void anExpectedFailureIsShownAsItsHandlerSaysAndACancellationNotAtAll() throws Exception {
        engine.tasks().task(Lane.FILES, "reading", () -> {
            throw new java.io.IOException("gone");
        }).onFailure(e -> new Problem("Not read", "It went: " + e.getMessage())).start().handle((v, e) -> e).get(5, TimeUnit.SECONDS);
        engine.tasks().task(Lane.FILES, "reading", () -> {
            throw new java.util.concurrent.CancellationException("the user cancelled");
        }).start().handle((v, e) -> e).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(new Problem("Not read", "It went: gone")), problems);
    }

    @Test
    void afterShutdownWorkIsRefusedQuietlyAndNothingRuns() throws Exception {
        engine.shutdown(2000);
        boolean[] ran = {false};
        CompletableFuture<Boolean> refused = engine.tasks().task(Lane.MODELS, "x", () -> ran[0] = true).start();
        assertTrue(refused.isCompletedExceptionally());
        engine.generation().generate("the ", 10, 0, 1L);
        engine.generation().requestContext("x");
        waitForThreadsToEnd();
        assertFalse(ran[0]);
        assertEquals(threadsBefore, engineThreads());
        assertEquals(List.of(), problems);
    }

    // ---- generation ----

    @Test
    void startingAndStoppingAHundredTimesLeavesOneWorkingGeneration() throws Exception {
        GenerationService generation = engine.generation();
        for (int i = 0; i < 100; i++) {
            generation.generate("the ", 1_000_000, 0, (long) i);
            generation.stop();
        }
        int last = generation.generate("the ", 300, 0, 7L);
        long taken = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken < 300 && System.nanoTime() < deadline) {
            taken += generation.drainGenerated(512).stream().filter(s -> s.generation() == last).count();
            Thread.sleep(5);
        }
        assertEquals(300, taken, "the last generation ran to its end");
        assertTrue(engineThreads().size() - threadsBefore.size() <= BackgroundTasks.Lane.values().length,
                "one thread per lane at most: " + engineThreads());
    }

    /**
     * A generation that ends just as the next starts must not clear the new one's running
     * state: the window would look idle while text streams.
     */
    @Test
    void aGenerationEndingAsTheNextStartsLeavesTheNextOneRunning() throws Exception {
        GenerationService generation = engine.generation();
        for (int i = 0; i < 200; i++) {
            generation.generate("the ", 1, 0, (long) i); // over almost at once
            int next = generation.generate("the ", 1_000_000, 200, (long) i);
            Thread.sleep(2); // time for the first one's ending to land
            assertTrue(generation.isRunning(next) && generation.isGenerating(), "round " + i);
            generation.stop();
            assertFalse(generation.isGenerating());
        }
    }

    /** A million characters at full speed: memory stays flat, and the backlog never exceeds its bound. */
    @Test
    void aMillionCharactersKeepMemoryFlat() throws Exception {
        GenerationService generation = engine.generation();
        int id = generation.generate("the ", 1_000_000, 0, 1L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (generation.backlog() < GenerationService.MAX_BACKLOG && System.nanoTime() < deadline) {
            Thread.sleep(10); // nobody takes anything for a while
        }
        Thread.sleep(200);
        assertEquals(GenerationService.MAX_BACKLOG, generation.backlog(), "it waits at its bound");
        assertTrue(generation.isRunning(id));

        long taken = 0;
        long heapAtStart = 0;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (taken < 1_000_000 && System.nanoTime() < deadline) {
            taken += generation.drainGenerated(4096).stream().filter(s -> s.generation() == id).count();
            if (heapAtStart == 0 && taken >= 100_000) {
                heapAtStart = settledHeap();
            }
        }
        assertEquals(1_000_000, taken);
        long growth = settledHeap() - heapAtStart;
        assertTrue(growth < 16 << 20, "heap grew by " + growth / 1024 + " kB between 100k and 1M characters");
    }

    @Test
    void shuttingDownMidGenerationEndsEveryLaneWithinTwoSeconds() throws Exception {
        engine.generation().generate("the ", 1_000_000, 0, 1L);
        engine.generation().requestContext("the cat");
        engine.models().loadFile(modelFile).start(); // queued behind nothing, running or about to
        Thread.sleep(50);
        long start = System.nanoTime();
        assertTrue(engine.shutdown(2000), "the lanes ended");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        waitForThreadsToEnd();
        assertEquals(threadsBefore, engineThreads(), "no threads are left behind");
    }

    // ---- training ----

    /** Training runs in a process of its own, so its death (a native crash, say) leaves the window's engine working. */
    @Test
    void aTrainingProcessThatDiesLeavesTheLastEpochsModelAndCanBeResumed(@TempDir Path checkpoints) throws Exception {
        TrainingSupervisor training = engine.training();
        Corpus corpus = new Corpus("cats", "the cat sat on the mat. the dog sat on the log.\n".repeat(30));
        NetworkConfig tiny = NetworkConfig.DEFAULT.withUnits(16).withSequenceLength(12).withBatchSize(8);
        CompletableFuture<TrainingEvent> run = training.train(corpus, tiny, 3, checkpoints, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<TrainingEvent> events = new ArrayList<>();
        while (events.stream().noneMatch(e -> e instanceof TrainingEvent.CheckpointSaved) && System.nanoTime() < deadline) {
            events.addAll(training.drainEvents());
            Thread.sleep(2);
        }
        assertEquals("cats (training)", engine.models().current().name(), "the first epoch's model is in use");
        training.process().kill(); // as a crash in native code would end it

        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, run.get(30, TimeUnit.SECONDS));
        assertTrue(failed.message().startsWith("The training process stopped unexpectedly"), failed.message());
        assertTrue(failed.message().contains("is kept"), failed.message());
        assertTrue(training.drainEvents().contains(failed), "the window hears of it");
        assertFalse(training.isTraining());
        assertNull(training.process(), "no process is left");
        assertEquals("cats", engine.models().current().name());
        int kept = engine.models().current().model().epochsTrained();
        assertTrue(kept >= 1);

        int id = engine.generation().generate("the ", 50, 0, 3L);
        long taken = 0;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken < 50 && System.nanoTime() < deadline) {
            taken += engine.generation().drainGenerated(64).stream().filter(s -> s.generation() == id).count();
            Thread.sleep(5);
        }
        assertEquals(50, taken, "generation goes on from the kept model");

        Path checkpoint = failed.resumeFrom();
        assertTrue(checkpoint != null && Files.exists(checkpoint), "a checkpoint to resume from: " + checkpoint);
        TrainingEvent resumed = training.continueTraining(corpus, checkpoint, 3).get(120, TimeUnit.SECONDS);
        assertEquals(new TrainingEvent.Finished(3, false), resumed, "the resumed run trains up to the epochs asked for");
        assertEquals(3, engine.models().current().model().epochsTrained());
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
