package textgen.gui.engine;

import java.io.InputStream;
import java.nio.file.Path;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.NativeThreads;
import textgen.lm.io.ModelFile;
import textgen.lm.io.ModelFileException;

/**
 * The model the window samples from. The DL4J network belongs to one thread, the
 * {@link Lane#MODELS} lane, which loads and saves it; everyone else reads an immutable
 * {@link LoadedModel} whose generator holds a copy of the weights.
 */
public final class ModelService {

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

    private final BackgroundTasks tasks;
    private volatile LoadedModel current;
    private LanguageModel networkModel; // only touched in the models lane

    ModelService(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    public LoadedModel current() {
        return current;
    }

    /** Loads the natives (slow the first time) and a built-in model from inside the app. */
    public BackgroundTasks.Task<LoadedModel> loadBuiltIn(BuiltInModel builtIn) {
        return tasks.task(Lane.MODELS, "opening the model " + builtIn.title(), () -> {
            NativeThreads.set(NativeThreads.defaultCount());
            try (InputStream in = BuiltInModel.class.getResourceAsStream(builtIn.resource())) {
                if (in == null) {
                    throw new ModelFileException("The built-in model '" + builtIn.title() + "' is missing from this build.");
                }
                return publish(ModelFile.load(in, builtIn.title()), builtIn.title(), false);
            }
        });
    }

    public BackgroundTasks.Task<LoadedModel> loadFile(Path file) {
        return tasks.task(Lane.MODELS, "opening " + file.getFileName(), () -> {
            NativeThreads.set(NativeThreads.defaultCount());
            return publish(ModelFile.load(file), file.getFileName().toString(), false);
        });
    }

    /** Saves the model in use; it then goes by the file's name and has nothing unsaved. */
    public BackgroundTasks.Task<Void> save(Path file) {
        return tasks.task(Lane.MODELS, "saving " + file.getFileName(), () -> {
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

    /**
     * Loads a model that training handed over and makes it the one in use, in the models lane,
     * waiting for it there. Called from the training lane.
     */
    LoadedModel adoptFromTraining(Path file, String name) throws ModelFileException, InterruptedException {
        try {
            return tasks.supply(Lane.MODELS, () -> publish(ModelFile.load(file), name, true)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException("The model training handed over could not be loaded (" + e.getCause() + ").", e.getCause());
        }
    }

    /** Renames the model in use, if it is still {@code model} (a finished training run takes its corpus's name). */
    void rename(LanguageModel model, String name, boolean fromTraining) {
        LoadedModel loaded = current;
        if (loaded != null && loaded.model() == model) {
            current = loaded.named(name, fromTraining);
        }
    }

    private LoadedModel publish(LanguageModel model, String name, boolean fromTraining) {
        networkModel = model;
        LoadedModel loaded = new LoadedModel(name, model.corpusName(), model.generator(), model, fromTraining);
        current = loaded;
        return loaded;
    }
}
