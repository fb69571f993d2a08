package textgen.gui;

import java.io.InputStream;
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
import java.util.function.Consumer;
import textgen.lm.LanguageModel;
import textgen.lm.Checkpoints;
import textgen.lm.GeneratedSymbol;
import textgen.lm.Generator;
import textgen.lm.ModelFile;
import textgen.lm.ModelFileException;
import textgen.lm.NativeThreads;
import textgen.lm.NetworkConfig;
import textgen.lm.Trainer;
import textgen.lm.TrainingControl;
import textgen.lm.TrainingEvent;
import textgen.lm.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Corpus;
import textgen.text.WordVectors;

/**
 * The engine behind the window, on two threads of its own; the JavaFX thread never waits for either.
 *
 * <ul>
 *   <li>The <em>network</em> thread owns the DL4J network: loading, training, saving.</li>
 *   <li>The <em>generation</em> thread samples from an immutable weights snapshot, so it can run
 *       while training goes on, and never touches the network.</li>
 * </ul>
 *
 * Results are left in queues and atomic references that a per-frame timer on the JavaFX thread
 * drains ({@link FrameLoop}); nothing here posts one {@code runLater} per character or batch.
 */
public final class EngineService implements AutoCloseable {

    /**
     * A model ready to sample from, with what the window shows about it; {@code fromTraining}
     * when it was trained here and not yet saved under a name of the user's.
     */
    public record LoadedModel(String name, String corpus, Generator generator, LanguageModel model, boolean fromTraining) {
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
    private volatile TrainingControl trainingControl;
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
                current = new LoadedModel(file.getFileName().toString(), saved.corpus(), saved.generator(), saved.model(), false);
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

    /** What a word model starts from: the vectors, the vocabulary cap, and whether the vectors stay frozen. */
    public record WordSetup(WordVectors vectors, int maxWords, boolean frozen) {
    }

    /**
     * Trains a new model on {@code corpus}, over words from {@code words} if it is not null,
     * else over characters. Events arrive in {@link #drainTrainingEvents}. After every epoch the
     * new weights become the ones generation uses, and a checkpoint is written into
     * {@code checkpointDir}.
     */
    public CompletableFuture<TrainingEvent> train(Corpus corpus, NetworkConfig config, int epochs, Path checkpointDir,
                                                  WordSetup words) {
        TrainingControl control = new TrainingControl();
        trainingControl = control;
        training.set(true);
        return onNetwork(() -> {
            try {
                NativeThreads.set(NativeThreads.defaultCount());
                LanguageModel model = words == null ? LanguageModel.create(config, corpus.vocabulary(), corpus.name())
                        : LanguageModel.createWordModel(config, corpus, words.vectors(), words.maxWords(), words.frozen());
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(Instant.now());
                String name = corpus.name() + " (training)";
                Consumer<TrainingEvent> listener = event -> {
                    trainingEvents.add(event);
                    if (event instanceof TrainingEvent.EpochDone) {
                        publish(model, name, true);
                    }
                };
                Path folder = checkpointDir.resolve(safeName(corpus.name()) + "-" + stamp);
                Trainer trainer = new Trainer(model, corpus.split(), listener, control)
                        .rotateCheckpoints(new Checkpoints(folder, safeName(corpus.name()), Checkpoints.DEFAULT_KEEP))
                        .sampleLength(160);
                TrainingEvent end = trainer.run(epochs);
                publish(model, corpus.name(), true);
                return end;
            } catch (TrainingException | IllegalArgumentException e) {
                TrainingEvent.Failed failed = new TrainingEvent.Failed(e.getMessage());
                trainingEvents.add(failed);
                return failed;
            } finally {
                training.set(false);
            }
        });
    }

    public void pauseTraining() {
        TrainingControl c = trainingControl;
        if (c != null) {
            c.pause();
        }
    }

    public void resumeTraining() {
        TrainingControl c = trainingControl;
        if (c != null) {
            c.resume();
        }
    }

    public void stopTraining() {
        TrainingControl c = trainingControl;
        if (c != null) {
            c.cancel();
        }
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

    /** Stops training and generation and waits up to {@code millis} for both threads to end. */
    public boolean shutdown(long millis) {
        closed = true;
        stopTraining();
        stopGeneration();
        networkThread.shutdown();
        generationThread.shutdownNow();
        try {
            long deadline = System.nanoTime() + millis * 1_000_000;
            boolean network = networkThread.awaitTermination(millis, TimeUnit.MILLISECONDS);
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
