package textgen.gui.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.engine.ModelService.LoadedModel;
import textgen.lm.NetworkConfig;
import textgen.lm.WordSetup;
import textgen.lm.io.Checkpoints;
import textgen.lm.io.ModelFileException;
import textgen.lm.training.TrainingEvent;
import textgen.lm.training.TrainingJob;
import textgen.lm.training.TrainingProcess;
import textgen.lm.training.TrainingProtocol;

/**
 * Training, seen from the window: each run is a {@link TrainingProcess} of its own, which this
 * supervisor starts and follows in the {@link Lane#TRAINING} lane. Its events wait in a queue
 * for the window's next frame; each model it hands over becomes the one in use. However the run
 * ends (finished, stopped, failed, its process dead or misbehaving), the supervisor says how,
 * keeps the last model, and leaves no process behind.
 */
public final class TrainingSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSupervisor.class);

    private final BackgroundTasks tasks;
    private final ModelService models;
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean training = new AtomicBoolean();
    private volatile TrainingProcess process;
    // Requests that may come while the process is still starting; it is told once it exists.
    private volatile boolean stopRequested;
    private volatile boolean pauseRequested;
    private volatile boolean closed;

    TrainingSupervisor(BackgroundTasks tasks, ModelService models) {
        this.tasks = tasks;
        this.models = models;
    }

    public boolean isTraining() {
        return training.get();
    }

    /**
     * Trains a new model on {@code corpus}, over words if {@code words} is not null, else over
     * characters. Events arrive in {@link #drainEvents}. After every epoch the new weights become
     * the ones generation uses, and a checkpoint is written into a new folder in
     * {@code checkpointDir}. The future completes with the run's last event.
     */
    public CompletableFuture<TrainingEvent> train(textgen.text.Corpus corpus, NetworkConfig config, int epochs, Path checkpointDir,
                                                  WordSetup words) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(Instant.now());
        Path folder = checkpointDir.resolve(safeName(corpus.name()) + "-" + stamp);
        return run(new TrainingJob(corpus, config, epochs, folder, safeName(corpus.name()), words), corpus.name());
    }

    /**
     * Goes on training from {@code checkpoint} (one of a run's checkpoints) on {@code corpus}
     * until the model has {@code epochs} epochs, writing further checkpoints beside it.
     */
    public CompletableFuture<TrainingEvent> continueTraining(textgen.text.Corpus corpus, Path checkpoint, int epochs) {
        return run(TrainingJob.resume(corpus, checkpoint, epochs, checkpoint.toAbsolutePath().getParent(),
                safeName(corpus.name())), corpus.name());
    }

    private CompletableFuture<TrainingEvent> run(TrainingJob job, String corpusName) {
        stopRequested = false;
        pauseRequested = false;
        training.set(true);
        CompletableFuture<TrainingEvent> end = tasks.supply(Lane.TRAINING, () -> {
            Path jobFolder = null;
            try {
                Files.createDirectories(job.checkpointFolder());
                jobFolder = Files.createTempDirectory("textgen-training-");
                job.writeTo(jobFolder);
                return follow(TrainingProcess.start(jobFolder, job.checkpointFolder()), corpusName, job);
            } catch (IOException e) {
                return ended(new TrainingEvent.Failed("Training could not start: " + e.getMessage() + "."));
            } finally {
                process = null;
                training.set(false);
                deleteFolder(jobFolder);
            }
        });
        // Whatever escaped the run (the lane closing, a bug) still ends it with a message.
        return end.exceptionally(error -> {
            training.set(false);
            return ended(new TrainingEvent.Failed("Training stopped because of an internal error (" + error + ")."));
        });
    }

    private TrainingEvent ended(TrainingEvent.Failed failed) {
        events.add(failed);
        return failed;
    }

    /**
     * Passes the process's events on and adopts each model it hands over, until it exits. A
     * process that exits without saying how it ended has died; one that breaks the protocol, or
     * whose following fails in any way, is ended. Either way the last model it handed over stays.
     */
    private TrainingEvent follow(TrainingProcess started, String corpusName, TrainingJob job) throws InterruptedException {
        process = started;
        if (pauseRequested) {
            started.pause();
        }
        if (stopRequested) {
            started.cancel();
        }
        TrainingEvent[] end = new TrainingEvent[1];
        LoadedModel[] latest = new LoadedModel[1];
        int exit;
        try {
            exit = started.readUntilExit(message -> {
                if (message instanceof TrainingProtocol.ModelReady ready) {
                    adopt(ready, corpusName, latest);
                } else if (message instanceof TrainingEvent event) {
                    events.add(event);
                    if (event instanceof TrainingEvent.Finished || event instanceof TrainingEvent.Failed) {
                        end[0] = event;
                    }
                }
            });
        } catch (TrainingProtocol.Violation | RuntimeException | Error e) {
            // readUntilExit has ended the process; say so and keep what it handed over.
            LOG.warn("Stopped following training process {}", started.pid(), e);
            keepLatest(latest[0], corpusName);
            return ended(new TrainingEvent.Failed("Training was stopped: "
                    + (e instanceof TrainingProtocol.Violation ? "the training process sent " + e.getMessage()
                    : "following the training process failed (" + e + ")")
                    + (latest[0] == null ? "." : ". The model after epoch " + latest[0].model().epochsTrained() + " is kept.")));
        }
        keepLatest(latest[0], corpusName);
        if (end[0] == null) {
            end[0] = ended(new TrainingEvent.Failed(diedMessage(started, exit, latest[0], job.checkpointFolder()), Double.NaN,
                    newestCheckpoint(job)));
        }
        return end[0];
    }

    /** Loads a handed-over model into use (unless the window is closing), then deletes the file. */
    private void adopt(TrainingProtocol.ModelReady ready, String corpusName, LoadedModel[] latest) {
        try {
            if (!closed) {
                latest[0] = models.adoptFromTraining(ready.file(), corpusName + " (training)");
            }
        } catch (ModelFileException e) {
            events.add(new TrainingEvent.CheckpointFailed(ready.epochsTrained(), e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(ready.file());
        }
    }

    /** The run's last model goes by its corpus's name: its weights are already snapshotted. */
    private void keepLatest(LoadedModel latest, String corpusName) {
        if (latest != null) {
            models.rename(latest.model(), corpusName, true);
        }
    }

    private String diedMessage(TrainingProcess died, int exit, LoadedModel kept, Path checkpointFolder) {
        if (!closed) {
            LOG.warn("The training process {} exited with code {} without finishing; its last output:\n{}", died.pid(), exit,
                    String.join("\n", died.logTail(20)));
        }
        Path report = checkpointFolder.resolve(TrainingProcess.CRASH_REPORT_PREFIX + died.pid() + ".log");
        boolean crashed = Files.exists(report);
        StringBuilder message = new StringBuilder(closed ? "Training was ended as the window closed"
                : crashed ? "The training process crashed" : "The training process stopped unexpectedly (exit code " + exit + ")");
        message.append(kept == null ? "; no epoch had finished, so this run left no model."
                : "; the model after epoch " + kept.model().epochsTrained() + " is kept.");
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

    public void pause() {
        pauseRequested = true;
        TrainingProcess p = process;
        if (p != null) {
            p.pause();
        }
    }

    public void resume() {
        pauseRequested = false;
        TrainingProcess p = process;
        if (p != null) {
            p.resume();
        }
    }

    /** Asks training to stop after its current batch; the model so far is kept. */
    public void stop() {
        stopRequested = true;
        resume();
        TrainingProcess p = process;
        if (p != null) {
            p.cancel();
        }
    }

    /** Ends the training process at once (the window is closing and it did not stop in time). */
    void kill() {
        TrainingProcess p = process;
        if (p != null) {
            p.kill();
        }
    }

    /** The running training process, for tests and benchmarks that watch it. */
    public TrainingProcess process() {
        return process;
    }

    /** Everything the training reported since the last call, in order. */
    public List<TrainingEvent> drainEvents() {
        List<TrainingEvent> drained = new ArrayList<>();
        TrainingEvent event;
        while ((event = events.poll()) != null) {
            drained.add(event);
        }
        return drained;
    }

    /** After this, handed-over models are not loaded: the window is closing. */
    void close() {
        closed = true;
        stop();
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
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(TrainingSupervisor::deleteQuietly);
        } catch (IOException e) {
            // as above
        }
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
