package textgen.gui.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import textgen.lm.ThreadNiceness;

/**
 * The one place the window starts work off the JavaFX thread, in the manner of JabRef's
 * {@code TaskExecutor}. Work runs in a {@link Lane}: a daemon thread of its own, at a lower OS
 * priority than the UI thread, so that nothing it does can freeze the window or keep the app
 * alive. Its result reaches the UI thread, and a failure nobody expected reaches the user as a
 * {@link Problem}: never a stack trace, never a "Reading…" that stays forever.
 */
public final class BackgroundTasks {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    /** Where work runs. One thread each: work in a lane runs in the order it was started. */
    public enum Lane {
        /** The DL4J network: loading and saving models (its owner thread). */
        MODELS("textgen-network", 10),
        /** Streaming generated text; sampling from weight snapshots only. */
        GENERATION("textgen-generation", 5),
        /** Following a training process and the models it hands over. */
        TRAINING("textgen-training", 10),
        /** Reading what the user opens: corpora and word vectors. */
        FILES("textgen-files", 10);

        private final String threadName;
        private final int nice;

        Lane(String threadName, int nice) {
            this.threadName = threadName;
            this.nice = nice;
        }
    }

    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    private final java.util.concurrent.Executor uiThread;
    private volatile Consumer<Problem> problems = problem -> LOG.warn("{}: {}", problem.title(), problem.message());

    /** With {@code uiThread} the JavaFX thread ({@code Platform::runLater}); tests may run everything in place. */
    public BackgroundTasks(java.util.concurrent.Executor uiThread) {
        this.uiThread = uiThread;
        for (Lane lane : Lane.values()) {
            lanes.put(lane, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(() -> {
                    ThreadNiceness.lowerCurrentThread(lane.nice);
                    r.run();
                }, lane.threadName);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** Where problems go: the window's message banner. Called on the UI thread. */
    public void reportProblemsTo(Consumer<Problem> sink) {
        this.problems = sink;
    }

    /** Shows a problem on the UI thread. */
    public void report(Problem problem) {
        uiThread.execute(() -> problems.accept(problem));
    }

    /** A piece of work to start in a lane: what it does, what happens after, what its failures say. */
    public <T> Task<T> task(Lane lane, String description, Callable<T> work) {
        return new Task<>(lane, description, work);
    }

    /**
     * Work and what follows it. {@code onSuccess}, {@code onFailure} and {@code onFinally} run on
     * the UI thread. A failure {@code onFailure} does not turn into a problem of its own (it
     * returns null for one it handled quietly) becomes the default problem: the work's
     * description, what went wrong, and that the window goes on working.
     */
    public final class Task<T> {
        private final Lane lane;
        private final String description;
        private final Callable<T> work;
        private Consumer<T> onSuccess = value -> { };
        private Function<Throwable, Problem> onFailure = error -> isCancellation(error) ? null : defaultProblem(error);
        private Runnable onFinally = () -> { };

        private Task(Lane lane, String description, Callable<T> work) {
            this.lane = lane;
            this.description = description;
            this.work = work;
        }

        public Task<T> onSuccess(Consumer<T> handler) {
            this.onSuccess = handler;
            return this;
        }

        /**
         * Turns a failure into the problem to show, or null to show none (a cancellation, or a
         * failure shown some other way). Failures it does not recognise should be passed to
         * {@link #defaultProblem}. Without one, cancellations show nothing and the rest the
         * default problem.
         */
        public Task<T> onFailure(Function<Throwable, Problem> handler) {
            this.onFailure = handler;
            return this;
        }

        public Task<T> onFinally(Runnable handler) {
            this.onFinally = handler;
            return this;
        }

        /** The problem shown when nothing more specific is known. */
        public Problem defaultProblem(Throwable error) {
            return unexpected(description, error);
        }

        /**
         * Starts the work. The future completes with its result or failure once the handlers
         * have run; after {@link #shutdown}, it fails at once without running anything.
         */
        public CompletableFuture<T> start() {
            CompletableFuture<T> done = new CompletableFuture<>();
            Runnable job = () -> {
                T value;
                try {
                    value = work.call();
                } catch (Throwable error) {
                    finishFailed(done, error);
                    return;
                }
                uiThread.execute(() -> {
                    try {
                        onSuccess.accept(value);
                    } catch (RuntimeException e) {
                        problems.accept(defaultProblem(e));
                    } finally {
                        onFinally.run();
                        done.complete(value);
                    }
                });
            };
            try {
                lanes.get(lane).execute(job);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new CancellationException("The window is closing."));
            }
            return done;
        }

        private void finishFailed(CompletableFuture<T> done, Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            uiThread.execute(() -> {
                try {
                    Problem problem = onFailure.apply(cause);
                    if (problem != null) {
                        problems.accept(problem);
                    }
                } catch (RuntimeException e) {
                    problems.accept(defaultProblem(e));
                } finally {
                    onFinally.run();
                    done.completeExceptionally(cause);
                }
            });
        }
    }

    /**
     * Runs work in a lane for another lane that waits for it: no UI thread involved, failures in
     * the future (the waiting lane reports them). Fails at once after {@link #shutdownNow}.
     */
    public <T> CompletableFuture<T> supply(Lane lane, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            lanes.get(lane).execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new CancellationException("The window is closing."));
        }
        return result;
    }

    /**
     * Runs a long job in a lane (a generation's loop), returning its future so that it can be
     * interrupted; a failure is shown as {@code problem} makes it.
     */
    public Future<?> loop(Lane lane, String description, InterruptibleJob job) {
        try {
            return lanes.get(lane).submit(() -> {
                try {
                    job.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    report(task(lane, description, () -> null).defaultProblem(e));
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Work that ends when interrupted. */
    public interface InterruptibleJob {
        void run() throws InterruptedException;
    }

    /** Stops taking work and interrupts what runs; a job blocked in a read that ignores interrupts ends with that read. */
    public void shutdownNow() {
        for (ExecutorService lane : lanes.values()) {
            lane.shutdownNow();
        }
    }

    /** Waits up to {@code millis} for every lane to end, after {@link #shutdownNow}. Returns whether they did. */
    public boolean awaitTermination(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean ended = true;
        for (ExecutorService lane : lanes.values()) {
            try {
                ended &= lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended;
    }

    /**
     * The problem for a failure nobody expected in work described as {@code description} (such
     * as "reading the corpus x"): what stopped, the error in one line, and that the window goes on.
     */
    public static Problem unexpected(String description, Throwable error) {
        LOG.warn("{} failed", description, error);
        return new Problem("Something stopped: " + description,
                capitalised(description) + " stopped because of an internal error (" + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage())
                        + "). The window goes on working; try again, and report it if it happens again.");
    }

    /** Whether a failure is work that was called off (cancelled, interrupted) rather than work that went wrong. */
    public static boolean isCancellation(Throwable error) {
        return error instanceof CancellationException || error instanceof InterruptedException;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
