package textgen.gui.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.engine.ModelService.LoadedModel;
import textgen.lm.CellState;
import textgen.lm.GeneratedSymbol;
import textgen.lm.Generator;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;

/**
 * Streams generated text from the model in use, in the {@link Lane#GENERATION} lane, over the
 * immutable weights snapshot of a {@link LoadedModel}: it never touches the network, so it goes
 * on while training runs. Symbols wait in bounded queues for the window's next frame; when they
 * are full, generation waits, so a run of a million symbols holds a bounded amount of memory
 * whatever the window keeps up with.
 */
public final class GenerationService {

    /**
     * One symbol of a single-stream generation, tagged with the generation it belongs to, and
     * what the network held after reading it when states are recorded (else null).
     */
    public record GeneratedStep(int generation, GeneratedSymbol symbol, CellState state) {
    }

    /** One step of a side-by-side comparison: a symbol per stream. */
    public record CompareStep(int generation, List<GeneratedSymbol> symbols) {
    }

    /** The network's distribution after a context, with the warning about skipped symbols if any. */
    public record ContextDistribution(String context, double[] distribution, String warning) {
    }

    /** The most steps that may wait for the window: about a second of text at a fast pace. */
    public static final int MAX_BACKLOG = 4096;

    private static final int NONE = 0;

    private final BackgroundTasks tasks;
    private final Supplier<LoadedModel> models;
    private final AtomicReference<Sampler> sampler = new AtomicReference<>(Sampler.withTemperature(1.0));
    private final AtomicInteger latest = new AtomicInteger(); // the id of the newest generation asked for
    private final AtomicInteger running = new AtomicInteger(NONE); // the id of the generation that runs, or NONE
    private final BlockingQueue<GeneratedStep> generated = new ArrayBlockingQueue<>(MAX_BACKLOG);
    private final BlockingQueue<CompareStep> compared = new ArrayBlockingQueue<>(MAX_BACKLOG);
    private final AtomicReference<String> pendingContext = new AtomicReference<>();
    private final AtomicReference<ContextDistribution> contextDistribution = new AtomicReference<>();
    private volatile Future<?> job = java.util.concurrent.CompletableFuture.completedFuture(null);
    private volatile boolean closed;
    private volatile boolean recordingStates;

    GenerationService(BackgroundTasks tasks, Supplier<LoadedModel> models) {
        this.tasks = tasks;
        this.models = models;
    }

    /**
     * Whether single-stream generation keeps the network's state after each symbol (for the
     * Inside view, while it is shown); takes effect at the next step.
     */
    public void setRecordingStates(boolean record) {
        recordingStates = record;
    }

    /** Sets how the next symbols are drawn; takes effect at the next step of any running generation. */
    public void setSampler(Sampler newSampler) {
        sampler.set(newSampler);
    }

    /** Whether any generation runs. */
    public boolean isGenerating() {
        return running.get() != NONE;
    }

    /**
     * Whether generation {@code id} still runs. Once it does not, all its symbols are in the
     * queue: ask this before draining, and an empty drain means the generation is over.
     */
    public boolean isRunning(int id) {
        return running.get() == id;
    }

    /**
     * Streams {@code length} symbols after {@code seed} at about {@code symbolsPerSecond}
     * (0 for as fast as possible). Any earlier generation stops first. Returns the generation's id.
     */
    public int generate(String seed, int length, double symbolsPerSecond, Long rngSeed) {
        LoadedModel model = requireModel();
        return start(id -> {
            Generator.Run run = model.generator().start(seed, sampler.get(), Rng.of(rngSeed));
            contextDistribution.set(new ContextDistribution(seed, run.nextDistribution(0), run.seedWarning()));
            long start = System.nanoTime();
            for (int i = 0; i < length && latest.get() == id; i++) {
                run.setSampler(0, sampler.get());
                boolean record = recordingStates;
                run.recordStates(record);
                GeneratedSymbol symbol = run.step().get(0);
                generated.put(new GeneratedStep(id, symbol, record ? run.lastState() : null));
                pace(start, i + 1, symbolsPerSecond);
            }
        });
    }

    /** Generates the same seed once per sampler, as one batch. Returns the generation's id. */
    public int compare(String seed, List<Sampler> samplers, int length, double symbolsPerSecond, Long rngSeed) {
        LoadedModel model = requireModel();
        return start(id -> {
            Generator.Run run = model.generator().start(seed, samplers, Rng.of(rngSeed));
            long start = System.nanoTime();
            for (int i = 0; i < length && latest.get() == id; i++) {
                compared.put(new CompareStep(id, run.step()));
                pace(start, i + 1, symbolsPerSecond);
            }
        });
    }

    /** A generation's work, ended by an interrupt when a newer one (or a stop) replaces it. */
    private interface GenerationJob {
        void run(int id) throws InterruptedException;
    }

    private synchronized int start(GenerationJob work) {
        job.cancel(true);
        int id = latest.incrementAndGet();
        if (closed) {
            return id;
        }
        running.set(id);
        job = tasks.loop(Lane.GENERATION, "generating text", () -> {
            try {
                if (latest.get() == id) { // not replaced while it waited for the lane
                    work.run(id);
                }
            } finally {
                running.compareAndSet(id, NONE); // a newer generation's state is not this one's to clear
            }
        });
        return id;
    }

    private LoadedModel requireModel() {
        LoadedModel model = models.get();
        if (model == null) {
            throw new IllegalStateException("No model is loaded yet.");
        }
        return model;
    }

    /** Stops any running generation after its current symbol. */
    public synchronized void stop() {
        latest.incrementAndGet();
        running.set(NONE);
        job.cancel(true);
    }

    /** Asks for the network's distribution after {@code context}; the newest request wins. */
    public void requestContext(String context) {
        if (closed || models.get() == null || pendingContext.getAndSet(context) != null) {
            return; // a job is already queued and will read the newest context
        }
        tasks.loop(Lane.GENERATION, "reading the seed", () -> {
            String newest = pendingContext.getAndSet(null);
            LoadedModel model = models.get();
            if (newest != null && model != null) {
                Generator.Run run = model.generator().start(newest, Sampler.multinomial(), Rng.seeded(0));
                contextDistribution.set(new ContextDistribution(newest, run.nextDistribution(0), run.seedWarning()));
            }
        });
    }

    private static void pace(long startNanos, int produced, double symbolsPerSecond) throws InterruptedException {
        if (symbolsPerSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (produced * 1e9 / symbolsPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Takes up to {@code max} generated symbols in order. */
    public List<GeneratedStep> drainGenerated(int max) {
        List<GeneratedStep> steps = new ArrayList<>();
        generated.drainTo(steps, max);
        return steps;
    }

    public List<CompareStep> drainCompared(int max) {
        List<CompareStep> steps = new ArrayList<>();
        compared.drainTo(steps, max);
        return steps;
    }

    /** How many generated steps wait to be taken. */
    public int backlog() {
        return generated.size() + compared.size();
    }

    /** The newest context distribution, once; null if none arrived since the last call. */
    public ContextDistribution takeContextDistribution() {
        return contextDistribution.getAndSet(null);
    }

    /** After this, requests are ignored rather than refused: the window is closing. */
    void close() {
        closed = true;
        stop();
    }
}
