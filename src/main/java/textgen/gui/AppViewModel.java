package textgen.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import textgen.gui.engine.BackgroundTasks;
import textgen.gui.engine.BuiltInModel;
import textgen.gui.engine.Engine;
import textgen.gui.engine.ModelService.LoadedModel;
import textgen.gui.engine.Problem;
import textgen.gui.generate.CompareViewModel;
import textgen.gui.generate.GenerateViewModel;
import textgen.gui.inside.InsideViewModel;
import textgen.gui.inside.StateTrail;
import textgen.gui.step.StepViewModel;
import textgen.gui.train.TrainViewModel;
import textgen.lm.io.ModelFileException;
import textgen.sampling.TemperatureScale;

/**
 * The application's state: which model is loaded and from which corpus, whether there is
 * unsaved training, what the status bar says, and the problem to show when something goes
 * wrong (every background failure arrives here, through the engine's tasks). It owns the
 * engine and the view-models of the views.
 */
public final class AppViewModel implements TrainViewModel.Host {

    private final Engine engine;
    private final Settings settings = new Settings();
    private final GenerateViewModel generate;
    private final CompareViewModel compare;
    private final TrainViewModel train;
    private final StepViewModel step;
    private final StateTrail trail = new StateTrail();
    private final InsideViewModel inside;

    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "");
    private final ReadOnlyStringWrapper corpusName = new ReadOnlyStringWrapper(this, "corpusName", "");
    private final ReadOnlyBooleanWrapper unsavedTraining = new ReadOnlyBooleanWrapper(this, "unsavedTraining");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading the engine…");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>(this, "problem");
    private final StringBinding title;

    public AppViewModel(Engine engine) {
        this.engine = engine;
        engine.tasks().reportProblemsTo(problem::set);
        this.generate = new GenerateViewModel(engine.generation(), engine.models(), trail);
        this.compare = new CompareViewModel(engine.generation());
        this.train = new TrainViewModel(engine.training(), engine.tasks(), this);
        this.step = new StepViewModel(engine.models(), generate.temperatureProperty(), trail);
        this.inside = new InsideViewModel(engine, trail);
        title = Bindings.createStringBinding(() -> {
            String model = modelName.get().isEmpty() ? "no model" : modelName.get();
            String corpus = corpusName.get().isEmpty() ? "" : " · corpus " + corpusName.get();
            return (unsavedTraining.get() ? "* " : "") + model + corpus + " — TextGen Playground";
        }, modelName, corpusName, unsavedTraining);
        generate.seedProperty().set(settings.seed(generate.seedProperty().get()));
        generate.temperatureProperty().set(TemperatureScale.clamp(settings.temperature(TemperatureScale.NEUTRAL)));
    }

    private CompletableFuture<Boolean> startup;

    /**
     * Opens the remembered model, or the built-in English one; the future completes when it is
     * loaded (or failed). Calling it again returns the same future.
     */
    public CompletableFuture<Boolean> start() {
        return start(null);
    }

    /** As {@link #start()}, opening {@code model} first if it is not null (the app was opened with it). */
    public synchronized CompletableFuture<Boolean> start(Path model) {
        if (startup == null) {
            startup = model == null ? openStartupModel()
                    : openModel(model).thenCompose(ok -> ok ? CompletableFuture.completedFuture(true) : openStartupModel());
        }
        return startup;
    }

    private CompletableFuture<Boolean> openStartupModel() {
        String last = settings.lastModel();
        if (last != null && !last.startsWith(Settings.BUILT_IN_PREFIX) && Files.isRegularFile(Path.of(last))) {
            return openModel(Path.of(last)).thenCompose(ok -> ok
                    ? CompletableFuture.completedFuture(true) : loadBuiltIn(BuiltInModel.ENGLISH));
        }
        BuiltInModel builtIn = BuiltInModel.ENGLISH;
        if (last != null && last.equals(Settings.BUILT_IN_PREFIX + BuiltInModel.CHINESE.name())) {
            builtIn = BuiltInModel.CHINESE;
        }
        return loadBuiltIn(builtIn);
    }

    /** Loads a built-in model; the future tells whether it worked (problems are shown, not thrown). */
    public CompletableFuture<Boolean> loadBuiltIn(BuiltInModel model) {
        return load(engine.models().loadBuiltIn(model), Settings.BUILT_IN_PREFIX + model.name(), model.title(), model.defaultSeed());
    }

    public CompletableFuture<Boolean> openModel(Path file) {
        return load(engine.models().loadFile(file), file.toAbsolutePath().toString(), file.getFileName().toString(), null);
    }

    /** {@code defaultSeed}, if not null, replaces a seed of which the new model knows less than half. */
    private CompletableFuture<Boolean> load(BackgroundTasks.Task<LoadedModel> loading, String remember, String shown,
                                            String defaultSeed) {
        if (engine.training().isTraining()) {
            showError("Training is running", "Stop the training before opening another model.");
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        status.set("Opening " + shown + "…");
        return loading.onSuccess(loaded -> applyLoaded(loaded, remember, defaultSeed))
                .onFailure(error -> {
                    status.set(engine.models().current() == null ? "No model loaded." : "Ready.");
                    return new Problem("This model cannot be opened", error instanceof ModelFileException ? error.getMessage()
                            : "The model could not be opened (" + error.getClass().getSimpleName() + ").");
                })
                .onFinally(() -> busy.set(false))
                .start()
                .handle((loaded, error) -> error == null);
    }

    private void applyLoaded(LoadedModel loaded, String remember, String defaultSeed) {
        generate.stop();
        var vocabulary = loaded.generator().vocabulary();
        String seed = generate.seedProperty().get();
        if (defaultSeed != null && vocabulary.knownShare(seed) < 0.5) {
            generate.seedProperty().set(defaultSeed);
        }
        modelName.set(loaded.name());
        corpusName.set(loaded.corpus());
        unsavedTraining.set(false);
        settings.setLastModel(remember);
        generate.modelReadyProperty().set(true);
        generate.modelChanged();
        inside.modelChanged();
        step.reset(generate.seedProperty().get());
        status.set(String.format("Ready: %s, %d symbols, %d epochs trained.", loaded.name(),
                loaded.generator().vocabulary().size(), loaded.model().epochsTrained()));
    }

    public CompletableFuture<?> saveModel(Path file) {
        if (engine.training().isTraining()) {
            // The network is busy training; every finished epoch is already saved as a checkpoint.
            showError("Training is running", "Stop the training first, then save. Each finished epoch is already saved in "
                    + checkpointDirectory() + ".");
            return CompletableFuture.completedFuture(null);
        }
        status.set("Saving " + file.getFileName() + "…");
        return engine.models().save(file).onSuccess(ok -> {
            modelName.set(file.getFileName().toString());
            unsavedTraining.set(false);
            settings.setLastModel(file.toAbsolutePath().toString());
            status.set("Saved " + file + ".");
        }).onFailure(error -> {
            status.set("Not saved.");
            return new Problem("The model was not saved", "Saving to " + file + " failed (" + error.getMessage()
                    + "). Any earlier file there is unchanged.");
        }).start();
    }

    @Override
    public void trainingStarted(String corpus) {
        generate.stop();
        compare.stop();
        status.set("Training on " + corpus + "…");
    }

    /** An epoch finished: its weights are now the ones generation uses. */
    @Override
    public void modelTrained() {
        LoadedModel loaded = engine.models().current();
        if (loaded != null) {
            modelName.set(loaded.name());
            corpusName.set(loaded.corpus());
            unsavedTraining.set(loaded.fromTraining());
            generate.modelReadyProperty().set(true);
            generate.modelChanged();
            inside.modelChanged(); // new weights: what Find cells found was about the old ones
            if (!step.isReady()) {
                step.reset(generate.seedProperty().get());
            }
        }
    }

    @Override
    public void trainingEnded() {
        modelTrained();
        status.set("Training ended; checkpoints are in " + checkpointDirectory() + ".");
    }

    @Override
    public Path checkpointDirectory() {
        return Settings.checkpointDirectory();
    }

    public void showStatus(String message) {
        status.set(message);
    }

    public void showError(String title, String message) {
        problem.set(new Problem(title, message));
    }

    /** Shows a problem with a button that offers a way out, such as training again more gently. */
    public void showError(String title, String message, String actionLabel, Runnable action) {
        problem.set(new Problem(title, message, actionLabel, action));
    }

    /** Called once per frame by the window's frame loop. */
    void onFrame() {
        generate.onFrame();
        compare.onFrame();
        train.onFrame();
    }

    /** Remembers the seed and temperature for the next run. */
    void saveSettings() {
        settings.setSeed(generate.seedProperty().get());
        settings.setTemperature(generate.temperatureProperty().get());
        settings.flush();
    }

    public Engine engine() {
        return engine;
    }

    public GenerateViewModel generate() {
        return generate;
    }

    public CompareViewModel compare() {
        return compare;
    }

    public TrainViewModel train() {
        return train;
    }

    public StepViewModel step() {
        return step;
    }

    public InsideViewModel inside() {
        return inside;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty corpusNameProperty() {
        return corpusName.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty unsavedTrainingProperty() {
        return unsavedTraining.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }
}
