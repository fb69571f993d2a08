package textgen.gui.train;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import textgen.gui.engine.BackgroundTasks;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.engine.Problem;
import textgen.gui.engine.TrainingSupervisor;
import textgen.lm.NetworkConfig;
import textgen.lm.Recipe;
import textgen.lm.WordSetup;
import textgen.lm.training.TrainingEvent;
import textgen.text.Corpus;
import textgen.text.CorpusException;
import textgen.text.CorpusLoader;
import textgen.text.WordVectorReader;
import textgen.text.WordVocabulary;

/** State of the Train view: the corpus, the network settings, progress, losses and samples. */
public final class TrainViewModel {

    /** What training needs from the rest of the window. */
    public interface Host {
        /** Training is about to start: generation stops and the status says so. */
        void trainingStarted(String corpus);

        /** An epoch finished: its weights are the ones generation uses from now on. */
        void modelTrained();

        /** The run ended, however it ended. */
        void trainingEnded();

        /** Where each run's checkpoints go, one folder per run. */
        Path checkpointDirectory();
    }

    private final TrainingSupervisor supervisor;
    private final BackgroundTasks tasks;
    private final Host host;
    private final ObjectProperty<Corpus> corpus = new SimpleObjectProperty<>(this, "corpus");
    private final ReadOnlyStringWrapper corpusInfo = new ReadOnlyStringWrapper(this, "corpusInfo", "No corpus chosen.");
    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers", NetworkConfig.DEFAULT.layers());
    private final IntegerProperty units = new SimpleIntegerProperty(this, "units", NetworkConfig.DEFAULT.units());
    private final IntegerProperty sequenceLength = new SimpleIntegerProperty(this, "sequenceLength", NetworkConfig.DEFAULT.sequenceLength());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", NetworkConfig.DEFAULT.batchSize());
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", NetworkConfig.DEFAULT.learningRate());
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 3);
    private final ReadOnlyObjectWrapper<Recipe> recipe = new ReadOnlyObjectWrapper<>(this, "recipe", Recipe.FAST);
    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(this, "training");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ObservableList<EpochSamplesItem> samples = FXCollections.observableArrayList();
    private final ObservableList<TrainingEvent.LiveSample> liveSamples = FXCollections.observableArrayList();
    private final LossHistory losses = new LossHistory();
    // Word level: a model over words, starting from pretrained vectors.
    private final BooleanProperty wordLevel = new SimpleBooleanProperty(this, "wordLevel");
    private final IntegerProperty maxWords = new SimpleIntegerProperty(this, "maxWords", WordVocabulary.DEFAULT_MAX_WORDS);
    private final BooleanProperty freezeVectors = new SimpleBooleanProperty(this, "freezeVectors", true);
    private final WordVectorsViewModel vectors;
    private String trainedUnit = "character"; // of the run whose samples are listed
    private Corpus trainedCorpus; // of the last run, which a broken-off run resumes on
    private CompletableFuture<Boolean> corpusBeingRead = CompletableFuture.completedFuture(false);

    /** The most live samples listed; older ones drop off the end. */
    static final int MAX_LIVE_SAMPLES = 500;

    /** One epoch's samples, as the list shows them. */
    public record EpochSamplesItem(int epoch, double validationLossNats, String unit, TrainingEvent.EpochSamples samples) {
    }

    private double lastValidation = Double.NaN;
    private int corpusRequests;
    private String chosenInfo = "No corpus chosen."; // what corpusInfo shows for the current choice

    public TrainViewModel(TrainingSupervisor supervisor, BackgroundTasks tasks, Host host) {
        this.supervisor = supervisor;
        this.tasks = tasks;
        this.host = host;
        this.vectors = new WordVectorsViewModel(tasks);
        // The recipe shown is whichever the settings match, or none once the user changes one.
        for (javafx.beans.Observable setting : List.of(layers, units, sequenceLength, batchSize, learningRate)) {
            setting.addListener(o -> recipe.set(Recipe.matching(layers.get(), units.get(), sequenceLength.get(),
                    batchSize.get(), learningRate.get())));
        }
        // The vectors kept are those the corpus can use: a new corpus reads them again.
        corpus.addListener((o, a, b) -> {
            String source = vectors.sourceProperty().get();
            if (b != null && source != null && wordLevel.get()) {
                vectors.load(source, b);
            }
        });
        wordLevel.addListener((o, a, words) -> {
            if (words && vectors.sourceProperty().get() == null && corpus.get() != null) {
                vectors.load(WordVectorReader.BUILT_IN_TANG, corpus.get()); // the demo vectors, until the user opens others
            }
        });
    }

    /** Sets the network and training settings to {@code chosen}'s. */
    public void applyRecipe(Recipe chosen) {
        NetworkConfig c = chosen.config();
        layers.set(c.layers());
        units.set(c.units());
        sequenceLength.set(c.sequenceLength());
        batchSize.set(c.batchSize());
        learningRate.set(c.learningRate());
    }

    private NetworkConfig networkConfig() {
        return NetworkConfig.DEFAULT.withLayers(layers.get()).withUnits(units.get())
                .withSequenceLength(sequenceLength.get()).withBatchSize(batchSize.get())
                .withLearningRate(learningRate.get());
    }

    private void showError(String title, String message) {
        tasks.report(new Problem(title, message));
    }

    /** Reads word vectors (a file, or the built-in Tang ones) for the chosen corpus. */
    public void loadVectors(String nameOrPath) {
        Corpus c = corpus.get();
        if (c == null) {
            showError("Choose a corpus first", "Word vectors are read for a corpus: only its words are kept.");
            return;
        }
        vectors.load(nameOrPath, c);
    }

    /**
     * Chooses a built-in corpus or a file. It is read and counted off the UI thread (a big file
     * takes a while); problems are shown to the user, never thrown, and whatever happens the
     * "Reading…" ends. The returned future completes on the UI thread once the choice is shown
     * (true) or refused (false).
     */
    public CompletableFuture<Boolean> chooseCorpus(String nameOrPath) {
        corpusInfo.set("Reading " + nameOrPath + "…");
        int request = ++corpusRequests; // only the newest choice is applied when several overlap
        CompletableFuture<Boolean> shown = new CompletableFuture<>();
        corpusBeingRead = shown;
        tasks.task(Lane.FILES, "reading the corpus " + nameOrPath, () -> {
            Corpus c = CorpusLoader.load(nameOrPath);
            String info = String.format(Locale.ROOT, "%s: %,d characters, %,d distinct, %s", c.name(),
                    c.codePointCount(), c.vocabulary().size(), size(c.text().getBytes(StandardCharsets.UTF_8).length))
                    + (c.note().isEmpty() ? "" : ". " + c.note());
            return new ChosenCorpus(c, info);
        }).onSuccess(chosen -> {
            if (request == corpusRequests) {
                corpus.set(chosen.corpus());
                chosenInfo = chosen.info();
                corpusInfo.set(chosenInfo);
                shown.complete(true);
            } else {
                shown.complete(false);
            }
        }).onFailure(error -> {
            if (request == corpusRequests) {
                corpusInfo.set(chosenInfo); // the previous choice stays
            }
            return error instanceof CorpusException ? new Problem("This corpus cannot be used", error.getMessage())
                    : new Problem("This corpus cannot be used", "'" + nameOrPath + "' could not be read ("
                    + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                    + "). Choose another text file.");
        }).onFinally(() -> shown.complete(false)).start();
        return shown;
    }

    private record ChosenCorpus(Corpus corpus, String info) {
    }

    public CompletableFuture<Boolean> chooseCorpus(Path file) {
        return chooseCorpus(file.toString());
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }

    public void start() {
        if (training.get()) {
            return; // one run at a time
        }
        if (!corpusBeingRead.isDone()) {
            // Train pressed (say with Ctrl+T) while the chosen corpus is still being read: train on
            // it once it is, not on the one before or on nothing.
            progressText.set("Reading the corpus…");
            corpusBeingRead.thenAccept(shown -> {
                if (shown) {
                    start();
                } else {
                    progressText.set(""); // the read failed and said so; nothing is waiting any more
                }
            });
            return;
        }
        Corpus c = corpus.get();
        if (c == null) {
            showError("Choose a corpus first", "Pick a built-in corpus or open a UTF-8 text file, then press Train.");
            return;
        }
        NetworkConfig config;
        try {
            config = networkConfig();
        } catch (IllegalArgumentException e) {
            showError("These settings do not work", e.getMessage());
            return;
        }
        WordSetup words = null;
        if (wordLevel.get()) {
            if (vectors.vectorsProperty().get() == null) {
                showError("Word vectors are needed", vectors.readingProperty().get()
                        ? "The word vectors are still being read; train when they are loaded."
                        : "Word level starts from pretrained word vectors: open a vectors file (word2vec text format)"
                        + " or use the built-in Tang character vectors.");
                return;
            }
            words = new WordSetup(vectors.vectorsProperty().get(), maxWords.get(), freezeVectors.get());
        }
        trainedUnit = words == null ? "character" : "word";
        samples.clear();
        liveSamples.clear();
        losses.clear(trainedUnit);
        lastValidation = Double.NaN;
        trainedCorpus = c;
        follow(supervisor.train(c, config, epochs.get(), host.checkpointDirectory(), words));
    }

    /** Goes on from a checkpoint of the run that broke off; the loss chart and samples go on too. */
    private void resume(Path checkpoint) {
        if (training.get() || trainedCorpus == null) {
            return;
        }
        follow(supervisor.continueTraining(trainedCorpus, checkpoint, epochs.get()));
    }

    private void follow(CompletableFuture<TrainingEvent> run) {
        progress.set(0);
        paused.set(false);
        progressText.set("Starting…");
        training.set(true);
        host.trainingStarted(trainedCorpus.name());
        run.whenComplete((end, error) -> javafx.application.Platform.runLater(() -> finished(error)));
    }

    /** The training job ended, however it ended: the only place that clears the training state. */
    private void finished(Throwable error) {
        training.set(false);
        paused.set(false);
        if (error != null) {
            progressText.set("Stopped by an internal error.");
            showError("Training stopped", "An internal error stopped training (" + error.getClass().getSimpleName()
                    + "); the last finished epoch is kept.");
        }
        host.trainingEnded();
    }

    public void togglePause() {
        if (paused.get()) {
            supervisor.resume();
            paused.set(false);
        } else {
            supervisor.pause();
            paused.set(true);
            progressText.set(progressText.get() + " — paused");
        }
    }

    public void stop() {
        supervisor.stop();
        paused.set(false);
    }

    public void onFrame() {
        TrainingEvent.BatchDone lastBatch = null;
        for (TrainingEvent event : supervisor.drainEvents()) {
            if (event instanceof TrainingEvent.BatchDone b) {
                losses.addBatchLoss(b.epoch() - 1 + (double) b.batch() / b.batchesPerEpoch(), b.lossNats());
                lastBatch = b;
            } else if (event instanceof TrainingEvent.EpochDone e) {
                lastValidation = e.record().validationLossNats();
                losses.addValidationLoss(e.record().epoch(), e.record().validationLossNats());
                host.modelTrained();
            } else if (event instanceof TrainingEvent.LiveSample s) {
                liveSamples.add(0, s);
                if (liveSamples.size() > MAX_LIVE_SAMPLES) {
                    liveSamples.remove(MAX_LIVE_SAMPLES, liveSamples.size());
                }
            } else if (event instanceof TrainingEvent.EpochSamples s) {
                samples.add(0, new EpochSamplesItem(s.epoch(), lastValidation, trainedUnit, s));
            } else if (event instanceof TrainingEvent.Finished f) {
                progressText.set(f.cancelled() ? "Stopped after " + f.epochsTrained() + " epochs; the model so far is ready to use."
                        : "Finished " + f.epochsTrained() + " epochs.");
            } else if (event instanceof TrainingEvent.Failed f) {
                progressText.set("Stopped: " + f.message());
                if (f.resumeFrom() != null) {
                    tasks.report(new Problem("Training stopped", f.message(), "Resume from the last checkpoint",
                            () -> resume(f.resumeFrom())));
                } else if (Double.isNaN(f.suggestedLearningRate())) {
                    showError("Training stopped", f.message());
                } else {
                    double lower = f.suggestedLearningRate();
                    tasks.report(new Problem("Training stopped", f.message(),
                            String.format(Locale.ROOT, "Train again at %.2g", lower), () -> {
                                learningRate.set(lower);
                                start();
                            }));
                }
            } else if (event instanceof TrainingEvent.CheckpointFailed f) {
                showError("Checkpoint not saved", f.message());
            }
        }
        if (lastBatch != null) {
            double done = ((lastBatch.epoch() - 1) * (double) lastBatch.batchesPerEpoch() + lastBatch.batch())
                    / ((double) lastBatch.epochs() * lastBatch.batchesPerEpoch());
            progress.set(done);
            progressText.set(String.format(Locale.ROOT, "Epoch %d of %d · batch %d of %d · %,.0f " + trainedUnit + "s/s · %s left%s",
                    lastBatch.epoch(), lastBatch.epochs(), lastBatch.batch(), lastBatch.batchesPerEpoch(),
                    lastBatch.charsPerSecond(), duration(lastBatch.secondsLeft()), paused.get() ? " — paused" : ""));
        }
        losses.publish();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : s + " s";
    }

    public ObjectProperty<Corpus> corpusProperty() {
        return corpus;
    }

    public ReadOnlyStringProperty corpusInfoProperty() {
        return corpusInfo.getReadOnlyProperty();
    }

    public IntegerProperty layersProperty() {
        return layers;
    }

    public IntegerProperty unitsProperty() {
        return units;
    }

    public IntegerProperty sequenceLengthProperty() {
        return sequenceLength;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** The recipe the settings match, or null once they match none. */
    public ReadOnlyObjectProperty<Recipe> recipeProperty() {
        return recipe.getReadOnlyProperty();
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public ReadOnlyBooleanProperty trainingProperty() {
        return training.getReadOnlyProperty();
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ObservableList<EpochSamplesItem> samples() {
        return samples;
    }

    /** Lines from the weights as they were every few seconds, newest first. */
    public ObservableList<TrainingEvent.LiveSample> liveSamples() {
        return liveSamples;
    }

    public LossHistory losses() {
        return losses;
    }

    public BooleanProperty wordLevelProperty() {
        return wordLevel;
    }

    public IntegerProperty maxWordsProperty() {
        return maxWords;
    }

    public BooleanProperty freezeVectorsProperty() {
        return freezeVectors;
    }

    public WordVectorsViewModel vectors() {
        return vectors;
    }

    /** "character" or "word": what the listed samples' losses are per. */
    public String trainedUnit() {
        return trainedUnit;
    }

    /** Stops reading vectors; the window is closing. */
    public void shutdown() {
        vectors.cancel();
    }
}
