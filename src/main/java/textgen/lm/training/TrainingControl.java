package textgen.lm.training;

import java.util.function.LongSupplier;

/**
 * Pause, resume and cancel for a training run, from any thread. The run checks it between
 * batches, so a request takes effect within one batch. It also keeps the time spent paused, so
 * that speeds and time estimates count only time spent training.
 */
public final class TrainingControl {

    private final LongSupplier clock;
    private boolean paused;
    private boolean cancelled;
    private boolean holding; // a run waits in awaitRunnable
    private long pausedNanos;

    public TrainingControl() {
        this(System::nanoTime);
    }

    /** With a clock of the caller's, in nanoseconds (tests use a fake one). */
    TrainingControl(LongSupplier clock) {
        this.clock = clock;
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Waits until a run is held by the pause, between two batches; for tests that must know it stopped there. */
    synchronized void awaitHeld() throws InterruptedException {
        while (!holding) {
            wait();
        }
    }

    /** The clock the run measures time by. */
    long now() {
        return clock.getAsLong();
    }

    /** The total time the run has spent waiting in {@link #awaitRunnable}. */
    synchronized long pausedNanos() {
        return pausedNanos;
    }

    /** Blocks while paused; returns false if the run should stop. */
    synchronized boolean awaitRunnable() throws InterruptedException {
        if (paused && !cancelled) {
            long start = clock.getAsLong();
            holding = true;
            notifyAll();
            try {
                while (paused && !cancelled) {
                    wait();
                }
            } finally {
                holding = false;
            }
            pausedNanos += clock.getAsLong() - start;
        }
        return !cancelled;
    }
}
