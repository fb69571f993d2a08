package textgen.gui;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import textgen.text.Corpus;
import textgen.text.WordVectorException;
import textgen.text.WordVectorReader;
import textgen.text.WordVectors;

/**
 * The word vectors a word model will start from: which file, reading it (off the UI thread,
 * with progress, cancellable), and what was found. Only the vectors the current corpus can use
 * are kept, so a new corpus means reading the file again.
 */
public final class WordVectorsViewModel {

    private final AppViewModel app;
    // One reader at a time; a daemon thread, so a read in progress never keeps the app alive.
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "textgen-vectors");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<WordVectors> vectors = new ReadOnlyObjectWrapper<>(this, "vectors");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "No word vectors loaded.");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading");
    private AtomicBoolean cancelCurrent = new AtomicBoolean();
    private int requests;

    WordVectorsViewModel(AppViewModel app) {
        this.app = app;
    }

    /**
     * Reads {@code nameOrPath} ({@link WordVectorReader#BUILT_IN_TANG} or a file) for
     * {@code corpus}, replacing any read in progress. Problems are shown to the user.
     */
    public void load(String nameOrPath, Corpus corpus) {
        cancelCurrent.set(true);
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelCurrent = cancelled;
        int request = ++requests;
        source.set(nameOrPath);
        vectors.set(null);
        reading.set(true);
        progress.set(-1);
        info.set("Reading " + shortName(nameOrPath) + " for " + corpus.name() + "…");
        reader.execute(() -> {
            Object result;
            try {
                WordVectorReader.Request read = WordVectorReader.Request.forText(corpus.text())
                        .withProgress((done, total) -> {
                            double share = total > 0 ? Math.min(1, (double) done / total) : -1;
                            Platform.runLater(() -> {
                                if (request == requests) {
                                    progress.set(share);
                                }
                            });
                        }, cancelled::get);
                WordVectors loaded = WordVectorReader.read(nameOrPath, read);
                WordVectors.Coverage coverage = loaded.coverage(corpus.text());
                result = new Object[] {loaded, describe(loaded, coverage, corpus)};
            } catch (WordVectorException e) {
                result = e;
            } catch (CancellationException e) {
                result = null;
            } catch (RuntimeException | OutOfMemoryError e) {
                result = new WordVectorException("The vectors could not be read (" + e.getClass().getSimpleName() + ").");
            }
            Object done = result;
            Platform.runLater(() -> finish(request, done));
        });
    }

    private void finish(int request, Object result) {
        if (request != requests) {
            return; // a newer read replaced this one
        }
        reading.set(false);
        progress.set(0);
        if (result instanceof Object[] loaded) {
            vectors.set((WordVectors) loaded[0]);
            info.set((String) loaded[1]);
        } else if (result instanceof WordVectorException e) {
            source.set(null);
            info.set("No word vectors loaded.");
            app.showError("These word vectors cannot be used", e.getMessage());
        } else {
            source.set(null);
            info.set("Reading the vectors was cancelled.");
        }
    }

    private static String describe(WordVectors v, WordVectors.Coverage coverage, Corpus corpus) {
        String text = String.format(Locale.ROOT, "%s: %,d vectors of dimension %d; %,d of the %,d distinct words of %s have one",
                shortName(v.name()), v.wordsInFile(), v.dimension(), coverage.withVectors(), coverage.distinctWords(), corpus.name());
        text += coverage.withoutVectors() == 0 ? "." : String.format(Locale.ROOT, " (%,d start random).", coverage.withoutVectors());
        if (v.malformedLines() > 0) {
            text += String.format(Locale.ROOT, " %,d malformed lines were skipped, such as %s.", v.malformedLines(), v.problems().get(0));
        }
        return text;
    }

    private static String shortName(String nameOrPath) {
        return nameOrPath.equals(WordVectorReader.BUILT_IN_TANG) ? "Tang character vectors (built in)"
                : java.nio.file.Path.of(nameOrPath).getFileName().toString();
    }

    /** Stops a read in progress; the vectors loaded before it are gone too. */
    public void cancel() {
        cancelCurrent.set(true);
    }

    /** Forgets the vectors (the corpus changed and there is no file to read again). */
    void clear() {
        cancel();
        requests++;
        reading.set(false);
        vectors.set(null);
        source.set(null);
        info.set("No word vectors loaded.");
    }

    void shutdown() {
        cancel();
        reader.shutdownNow();
    }

    public ReadOnlyObjectProperty<WordVectors> vectorsProperty() {
        return vectors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** 0 to 1 while reading a file of known size, -1 when the size is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }
}
