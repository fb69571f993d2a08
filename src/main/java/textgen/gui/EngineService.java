package textgen.gui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import textgen.lm.Checkpoints;
import textgen.lm.GeneratedSymbol;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.ModelFile;
import textgen.lm.ModelFileException;
import textgen.lm.NativeThreads;
import textgen.lm.NetworkConfig;
import textgen.lm.ThreadNiceness;
import textgen.lm.TrainingEvent;
import textgen.lm.TrainingJob;
import textgen.lm.TrainingProcess;
import textgen.lm.TrainingProtocol;
import textgen.lm.WordSetup;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus;

/**
 * The engine behind the window, on two threads of its own; the JavaFX thread never waits for either.
 *
 * <ul>
 *   <li>The <em>network</em> thread owns the DL4J network: loading and saving. Training runs in a
 *       {@link TrainingProcess} of its own, which this thread follows, loading the model it hands
 *       over after every epoch.</li>
 *   <li>The <em>generation</em> thread samples from an immutable weights snapshot, so it can run
 *       while training goes on, and never touches the network.</li>
 * </ul>
 *
 * Results are left in queues and atomic references that a per-frame timer on the JavaFX thread
 * drains ({@link FrameLoop}); nothing here posts one {@code runLater} per character or batch.
 */
public final class EngineService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);

    /**
     * A model ready to sample from, with what the window shows about it; {@code fromTraining}
     * when it was trained here and not yet saved under a name of the user's.
     */
    public record LoadedModel(String name, String corpus, Generator generator, LanguageModel model, boolean fromTraining) {

        /** The same model and weights snapshot under another name. */
        LoadedModel named(String newName, boolean trainedHere) {
            return new LoadedModel(newName, corpus, generator, model, trainedHere);
        }
    }

    /** One symbol of a single-stream generation, tagged with the generation it belongs to. */
    public record GeneratedStep(int generation, GeneratedSymbol symbol) {
    }

    /** One step of a side-by-side comparison: a symbol per stream. */
    public record CompareStep(int generation, List<GeneratedSymbol> symbols) {
    }

    /** The network's distribution after a context, with the warning about skipped characters if any. */
    public record ContextDistribution(String context, double[] distribution, String warning) {
    }

    // Both workers run at a lower OS priority than the UI thread (see ThreadNiceness).
    private final ExecutorService networkThread = Executors.newSingleThreadExecutor(daemon("textgen-network", 10));
    private final ExecutorService generationThread = Executors.newSingleThreadExecutor(daemon("textgen-generation", 5));

    private volatile LoadedModel current;
    private volatile boolean closed; // after shutdown, requests are ignored rather than rejected
    private LanguageModel networkModel; // only touched on the network thread

    // Generation: the newest sampler always wins; characters wait in a queue for the next frame.
    private final AtomicReference<Sampler> sampler = new AtomicReference<>(Sampler.withTemperature(1.0));
    private final AtomicInteger generationId = new AtomicInteger();
    private final AtomicBoolean generating = new AtomicBoolean();
    private final ConcurrentLinkedQueue<GeneratedStep> generated = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompareStep> compared = new ConcurrentLinkedQueue<>();
    // Steps produced but not yet taken. Generation waits while it is full, so a run of a million
    // characters at full speed holds a bounded amount of memory whatever the window keeps up with.
    private final AtomicInteger backlog = new AtomicInteger();
    /** The most steps that may wait for the window: about a second of text at a fast pace. */
    static final int MAX_BACKLOG = 4096;
    private final AtomicReference<String> pendingContext = new AtomicReference<>();
    private final AtomicReference<ContextDistribution> contextDistribution = new AtomicReference<>();

    // Training.
    private final ConcurrentLinkedQueue<TrainingEvent> trainingEvents = new ConcurrentLinkedQueue<>();
    private volatile TrainingProcess trainingProcess;
    // Requests that may come while the process is still starting; it is told once it exists.
    private volatile boolean trainingStopped;
    private volatile boolean trainingPaused;
    private final AtomicBoolean training = new AtomicBoolean();

    private static java.util.concurrent.ThreadFactory daemon(String name, int nice) {
        return r -> {
            Thread t = new Thread(() -> {
                ThreadNiceness.lowerCurrentThread(nice);
                r.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ---- models ---------------------------------------------------------------------------

    /** Loads the natives (slow the first time) and a built-in model from the classpath. */
    public CompletableFuture<LoadedModel> loadBuiltIn(BuiltInModel builtIn) {
        return onNetwork(() -> {
            NativeThreads.set(NativeThreads.defaultCount());
            try (InputStream in = BuiltInModel.class.getResourceAsStream(builtIn.resource())) {
                if (in == null) {
                    throw new ModelFileException("The built-in model '" + builtIn.title() + "' is missing from this build.");
                }
                return publish(ModelFile.load(in, builtIn.title()), builtIn.title(), false);
            }
        });
    }

    public CompletableFuture<LoadedModel> loadFile(Path file) {
        return onNetwork(() -> {
            NativeThreads.set(NativeThreads.defaultCount());
            return publish(ModelFile.load(file), file.getFileName().toString(), false);
        });
    }

    public CompletableFuture<Void> save(Path file) {
        return onNetwork(() -> {
            if (networkModel == null) {
                throw new IllegalStateException("There is no model to save yet.");
            }
            ModelFile.save(networkModel, file);
            LoadedModel saved = current;
            if (saved != null && saved.model() == networkModel) {
                current = saved.named(file.getFileName().toString(), false);
            }
            return null;
        });
    }

    public LoadedModel current() {
        return current;
    }

    private LoadedModel publish(LanguageModel model, String name, boolean fromTraining) {
        networkModel = model;
        LoadedModel loaded = new LoadedModel(name, model.corpusName(), model.generator(), model, fromTraining);
        current = loaded;
        return loaded;
    }

    // ---- generation -----------------------------------------------------------------------

    /** Sets how the next characters are drawn; takes effect at the next step of any running generation. */
    public void setSampler(Sampler newSampler) {
        sampler.set(newSampler);
    }

    public boolean isGenerating() {
        return generating.get();
    }

    /**
     * Streams {@code length} characters after {@code seed} at about {@code charsPerSecond}
     * (0 for as fast as possible). Any earlier generation stops first. Returns the generation's id.
     */
    public int generate(String seed, int length, double charsPerSecond, Long rngSeed) {
        LoadedModel model = requireModel();
        return runGeneration(id -> {
            Generator.Run run = model.generator().start(seed, sampler.get(), Rng.of(rngSeed));
            contextDistribution.set(new ContextDistribution(seed, run.nextDistribution(0), run.seedWarning()));
            long start = System.nanoTime();
            for (int i = 0; i < length && generationId.get() == id; i++) {
                run.setSampler(0, sampler.get());
                awaitRoom(id);
                backlog.incrementAndGet();
                generated.add(new GeneratedStep(id, run.step().get(0)));
                pace(start, i + 1, charsPerSecond);
            }
        });
    }

    /** Generates the same seed once per sampler, as one batch. Returns the generation's id. */
    public int compare(String seed, List<Sampler> samplers, int length, double charsPerSecond, Long rngSeed) {
        LoadedModel model = requireModel();
        return runGeneration(id -> {
            Generator.Run run = model.generator().start(seed, samplers, Rng.of(rngSeed));
            long start = System.nanoTime();
            for (int i = 0; i < length && generationId.get() == id; i++) {
                awaitRoom(id);
                backlog.incrementAndGet();
                compared.add(new CompareStep(id, run.step()));
                pace(start, i + 1, charsPerSecond);
            }
        });
    }

    /** Waits while the backlog is full, unless generation {@code id} has been stopped meanwhile. */
    private void awaitRoom(int id) throws InterruptedException {
        while (backlog.get() >= MAX_BACKLOG && generationId.get() == id) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }

    /** How many generated steps wait to be taken. */
    int backlog() {
        return backlog.get();
    }

    /** A generation's work; it stops early when a newer generation (or a stop) changes the id. */
    private interface GenerationJob {
        void run(int id) throws InterruptedException;
    }

    /** Runs {@code job} on the generation thread under a new id, which stops any earlier one. */
    private int runGeneration(GenerationJob job) {
        int id = generationId.incrementAndGet();
        if (closed) {
            return id;
        }
        generating.set(true);
        onGenerationThread(() -> {
            try {
                job.run(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (generationId.get() == id) {
                    generating.set(false);
                }
            }
        });
        return id;
    }

    /** Queues work for the generation thread; after shutdown it is dropped, not rejected. */
    private void onGenerationThread(Runnable work) {
        try {
            generationThread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            generating.set(false);
        }
    }

    private LoadedModel requireModel() {
        LoadedModel model = current;
        if (model == null) {
            throw new IllegalStateException("No model is loaded yet.");
        }
        return model;
    }

    /** Stops any running generation after its current character. */
    public void stopGeneration() {
        generationId.incrementAndGet();
        generating.set(false);
    }

    /** Asks for the network's distribution after {@code context}; the newest request wins. */
    public void requestContext(String context) {
        LoadedModel model = current;
        if (closed || model == null || pendingContext.getAndSet(context) != null) {
            return; // a job is already queued and will read the newest context
        }
        onGenerationThread(() -> {
            String latest = pendingContext.getAndSet(null);
            if (latest != null) {
                Generator.Run run = current.generator().start(latest, Sampler.multinomial(), Rng.seeded(0));
                contextDistribution.set(new ContextDistribution(latest, run.nextDistribution(0), run.seedWarning()));
            }
        });
    }

    private static void pace(long startNanos, int produced, double charsPerSecond) throws InterruptedException {
        if (charsPerSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (produced * 1e9 / charsPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    // ---- training -------------------------------------------------------------------------

    public boolean isTraining() {
        return training.get();
    }

    /**
     * Trains a new model on {@code corpus}, over words if {@code words} is not null, else over
     * characters, in a {@link TrainingProcess} of its own. Events arrive in
     * {@link #drainTrainingEvents}. After every epoch the new weights become the ones generation
     * uses, and a checkpoint is written into a new folder in {@code checkpointDir}.
     */
    public CompletableFuture<TrainingEvent> train(Corpus corpus, NetworkConfig config, int epochs, Path checkpointDir,
                                                  WordSetup words) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(Instant.now());
        Path folder = checkpointDir.resolve(safeName(corpus.name()) + "-" + stamp);
        return runTraining(new TrainingJob(corpus, config, epochs, folder, safeName(corpus.name()), words), corpus.name());
    }

    /**
     * Goes on training from {@code checkpoint} (one of a run's checkpoints) on {@code corpus}
     * until the model has {@code epochs} epochs, writing further checkpoints beside it.
     */
    public CompletableFuture<TrainingEvent> continueTraining(Corpus corpus, Path checkpoint, int epochs) {
        return runTraining(TrainingJob.resume(corpus, checkpoint, epochs, checkpoint.toAbsolutePath().getParent(),
                safeName(corpus.name())), corpus.name());
    }

    private CompletableFuture<TrainingEvent> runTraining(TrainingJob job, String corpusName) {
        trainingStopped = false;
        trainingPaused = false;
        training.set(true);
        return onNetwork(() -> {
            Path jobFolder = null;
            try {
                Files.createDirectories(job.checkpointFolder());
                jobFolder = Files.createTempDirectory("textgen-training-");
                job.writeTo(jobFolder);
                TrainingProcess process = TrainingProcess.start(jobFolder, job.checkpointFolder());
                trainingProcess = process;
                if (trainingPaused) {
                    process.pause();
                }
                if (trainingStopped) {
                    process.cancel();
                }
                return followTraining(process, corpusName, job);
            } catch (IOException e) {
                TrainingEvent.Failed failed = new TrainingEvent.Failed("Training could not start: " + e.getMessage() + ".");
                trainingEvents.add(failed);
                return failed;
            } finally {
                trainingProcess = null;
                training.set(false);
                deleteFolder(jobFolder);
            }
        });
    }

    /**
     * Passes the worker's events on and loads each model it hands over, until it exits. A worker
     * that exits without saying how it ended has died; the last model it handed over stays.
     */
    private TrainingEvent followTraining(TrainingProcess process, String corpusName, TrainingJob job)
            throws InterruptedException {
        TrainingEvent[] end = new TrainingEvent[1];
        LoadedModel[] latest = new LoadedModel[1];
        int exit;
        try {
            exit = followMessages(process, corpusName, end, latest);
        } catch (TrainingProtocol.Violation | RuntimeException e) {
            // The worker is already ended: say so and keep what it handed over.
            exit = -1;
            end[0] = new TrainingEvent.Failed("Training was stopped: the training process sent " + e.getMessage()
                    + ". The model after the last finished epoch is kept.");
            trainingEvents.add(end[0]);
        }
        if (latest[0] != null) {
            current = latest[0].named(corpusName, true); // its weights are already snapshotted
        }
        if (end[0] == null) {
            end[0] = new TrainingEvent.Failed(diedMessage(process, exit, latest[0] == null ? null : latest[0].model(), job.checkpointFolder()), Double.NaN,
                    newestCheckpoint(job));
            trainingEvents.add(end[0]);
        }
        return end[0];
    }

    private int followMessages(TrainingProcess process, String corpusName, TrainingEvent[] end, LoadedModel[] latest)
            throws InterruptedException, TrainingProtocol.Violation {
        return process.readUntilExit(message -> {
            if (message instanceof TrainingProtocol.ModelReady ready) {
                if (closed) {
                    deleteQuietly(ready.file());
                    return; // nobody will generate from it
                }
                try {
                    latest[0] = publish(ModelFile.load(ready.file()), corpusName + " (training)", true);
                } catch (ModelFileException e) {
                    trainingEvents.add(new TrainingEvent.CheckpointFailed(ready.epochsTrained(), e.getMessage()));
                } finally {
                    deleteQuietly(ready.file());
                }
            } else if (message instanceof TrainingEvent event) {
                trainingEvents.add(event);
                if (event instanceof TrainingEvent.Finished || event instanceof TrainingEvent.Failed) {
                    end[0] = event;
                }
            }
        });
    }

    private String diedMessage(TrainingProcess process, int exit, LanguageModel kept, Path checkpointFolder) {
        if (!closed) {
            LOG.warn("The training process {} exited with code {} without finishing; its last output:\n{}", process.pid(), exit,
                    String.join("\n", process.logTail(20)));
        }
        Path report = checkpointFolder.resolve(TrainingProcess.CRASH_REPORT_PREFIX + process.pid() + ".log");
        boolean crashed = Files.exists(report);
        StringBuilder message = new StringBuilder(closed ? "Training was ended as the window closed"
                : crashed ? "The training process crashed" : "The training process stopped unexpectedly (exit code " + exit + ")");
        message.append(kept == null ? "; no epoch had finished, so this run left no model."
                : "; the model after epoch " + kept.epochsTrained() + " is kept.");
        if (exit == 137) { // SIGKILL: on Linux most often the kernel ending a process that ran out of memory
            message.append(" It was killed from outside, as Linux does when memory runs out; a smaller network or batch needs less.");
        }
        message.append(" Checkpoints are in ").append(checkpointFolder).append('.');
        if (crashed) {
            message.append(" The crash report is ").append(report.getFileName()).append(" there.");
        }
        return message.toString();
    }

    /** The run's newest checkpoint, or null if it has none. */
    private static Path newestCheckpoint(TrainingJob job) {
        try {
            List<Path> all = new Checkpoints(job.checkpointFolder(), job.checkpointName(), Checkpoints.DEFAULT_KEEP).list();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file; nothing the user needs to know
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(EngineService::deleteQuietly);
        } catch (IOException e) {
            // as above
        }
    }

    public void pauseTraining() {
        trainingPaused = true;
        TrainingProcess p = trainingProcess;
        if (p != null) {
            p.pause();
        }
    }

    public void resumeTraining() {
        trainingPaused = false;
        TrainingProcess p = trainingProcess;
        if (p != null) {
            p.resume();
        }
    }

    /** Asks training to stop after its current batch; the model so far is kept. */
    public void stopTraining() {
        trainingStopped = true;
        TrainingProcess p = trainingProcess;
        if (p != null) {
            p.cancel();
        }
    }

    /** The running training process, for tests that must see it die. */
    TrainingProcess trainingProcess() {
        return trainingProcess;
    }

    // ---- what the frame loop drains ------------------------------------------------------------

    /** Takes up to {@code max} generated characters in order. */
    public List<GeneratedStep> drainGenerated(int max) {
        return takenFromBacklog(drain(generated, max));
    }

    public List<CompareStep> drainCompared(int max) {
        return takenFromBacklog(drain(compared, max));
    }

    public List<TrainingEvent> drainTrainingEvents() {
        return drain(trainingEvents, Integer.MAX_VALUE);
    }

    private <T> List<T> takenFromBacklog(List<T> steps) {
        backlog.addAndGet(-steps.size());
        return steps;
    }

    /** The newest context distribution, once; null if none arrived since the last call. */
    public ContextDistribution takeContextDistribution() {
        return contextDistribution.getAndSet(null);
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue, int max) {
        List<T> items = new ArrayList<>();
        T item;
        while (items.size() < max && (item = queue.poll()) != null) {
            items.add(item);
        }
        return items;
    }

    // ---- lifetime -------------------------------------------------------------------------

    /** Work for the network thread, with failures delivered through the future. */
    private <T> CompletableFuture<T> onNetwork(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IllegalStateException("The engine has been shut down."));
            return future;
        }
        try {
            networkThread.execute(() -> {
                try {
                    future.complete(work.call());
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new IllegalStateException("The engine has been shut down."));
        }
        return future;
    }

    /**
     * Stops training and generation and waits up to {@code millis} for both threads to end. A
     * training process still busy with its batch near the deadline is ended outright.
     */
    public boolean shutdown(long millis) {
        closed = true;
        stopTraining();
        stopGeneration();
        networkThread.shutdown();
        generationThread.shutdownNow();
        try {
            long deadline = System.nanoTime() + millis * 1_000_000;
            boolean network = networkThread.awaitTermination(millis * 3 / 4, TimeUnit.MILLISECONDS);
            TrainingProcess process = trainingProcess;
            if (!network && process != null) {
                process.kill();
            }
            network = networkThread.awaitTermination(Math.max(0, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            return generationThread.awaitTermination(left, TimeUnit.MILLISECONDS) && network;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown(2000);
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
