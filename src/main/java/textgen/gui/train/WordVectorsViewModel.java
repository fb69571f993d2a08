package textgen.gui.train;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import textgen.gui.engine.BackgroundTasks;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.engine.Problem;
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

    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<WordVectors> vectors = new ReadOnlyObjectWrapper<>(this, "vectors");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "No word vectors loaded.");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading");
    private AtomicBoolean cancelCurrent = new AtomicBoolean();
    private int requests;

    WordVectorsViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
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
        tasks.task(Lane.FILES, "reading the word vectors " + shortName(nameOrPath), () -> {
            WordVectorReader.Request read = WordVectorReader.Request.forText(corpus.text())
                    .withProgress((done, total) -> {
                        double share = total > 0 ? Math.min(1, (double) done / total) : -1;
                        javafx.application.Platform.runLater(() -> {
                            if (request == requests) {
                                progress.set(share);
                            }
                        });
                    }, cancelled::get);
            WordVectors loaded = WordVectorReader.read(nameOrPath, read);
            return new Loaded(loaded, describe(loaded, loaded.coverage(corpus.text()), corpus));
        }).onSuccess(loaded -> {
            if (request == requests) {
                vectors.set(loaded.vectors());
                info.set(loaded.info());
            }
        }).onFailure(error -> {
            if (request != requests) {
                return null; // a newer read replaced this one
            }
            source.set(null);
            info.set(error instanceof java.util.concurrent.CancellationException ? "Reading the vectors was cancelled."
                    : "No word vectors loaded.");
            if (BackgroundTasks.isCancellation(error)) {
                return null;
            }
            return error instanceof WordVectorException ? new Problem("These word vectors cannot be used", error.getMessage())
                    : error instanceof OutOfMemoryError ? new Problem("These word vectors cannot be used", "Reading "
                    + shortName(nameOrPath) + " ran out of memory; use a smaller vectors file or a smaller corpus.")
                    : BackgroundTasks.unexpected("reading the word vectors " + shortName(nameOrPath), error);
        }).onFinally(() -> {
            if (request == requests) {
                reading.set(false);
                progress.set(0);
            }
        }).start();
    }

    private record Loaded(WordVectors vectors, String info) {
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
                : nameOrPath.replaceAll(".*[/\\\\]", "");
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
