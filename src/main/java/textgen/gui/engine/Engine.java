package textgen.gui.engine;

import java.util.concurrent.Executor;

/**
 * What works behind the window, each part readable on its own: the {@link ModelService} (the
 * model in use), the {@link GenerationService} (streaming text), the
 * {@link TrainingSupervisor} (training processes), all started through one
 * {@link BackgroundTasks}. The JavaFX thread never waits for any of them.
 */
public final class Engine implements AutoCloseable {

    private final BackgroundTasks tasks;
    private final ModelService models;
    private final GenerationService generation;
    private final TrainingSupervisor training;

    /** With {@code uiThread} the JavaFX thread ({@code Platform::runLater}). */
    public Engine(Executor uiThread) {
        this.tasks = new BackgroundTasks(uiThread);
        this.models = new ModelService(tasks);
        this.generation = new GenerationService(tasks, models::current);
        this.training = new TrainingSupervisor(tasks, models);
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ModelService models() {
        return models;
    }

    public GenerationService generation() {
        return generation;
    }

    public TrainingSupervisor training() {
        return training;
    }

    /**
     * Stops generation and training and waits up to {@code millis} for every lane to end. A
     * training process still busy with its batch near the deadline is ended outright.
     */
    public boolean shutdown(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        training.close();
        generation.close();
        tasks.shutdownNow();
        boolean ended = tasks.awaitTermination(millis * 3 / 4);
        if (!ended) {
            training.kill();
            ended = tasks.awaitTermination(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        }
        return ended;
    }

    @Override
    public void close() {
        shutdown(2000);
    }
}
