package textgen.lm;

/**
 * Pause, resume and cancel for a training run, from any thread. The run checks it between
 * batches, so a request takes effect within one batch.
 */
public final class TrainingControl {

    private boolean paused;
    private boolean cancelled;

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

    /** Blocks while paused; returns false if the run should stop. */
    synchronized boolean awaitRunnable() throws InterruptedException {
        while (paused && !cancelled) {
            wait();
        }
        return !cancelled;
    }
}
