package textgen.gui.inside;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import textgen.gui.engine.BackgroundTasks;
import textgen.gui.engine.BackgroundTasks.Lane;
import textgen.gui.engine.Engine;
import textgen.gui.engine.ModelService.LoadedModel;
import textgen.gui.engine.Problem;
import textgen.lm.CellState.Quantity;
import textgen.lm.inside.CellAnalysis;
import textgen.lm.inside.Passages;
import textgen.text.BuiltInCorpus;
import textgen.text.Corpus;
import textgen.text.CorpusException;
import textgen.text.CorpusLoader;
import textgen.text.TextFeature;
import textgen.text.TextFeatures;
import textgen.text.Vocabulary;

/**
 * State of the Inside view: which layer and quantity the heatmap shows, which unit tints the
 * text, and the units Find cells found. The symbols and states come from the {@link StateTrail}
 * the Generate and Step by step tabs feed; while the view is shown, generation records them.
 */
public final class InsideViewModel {

    /** Symbols of held-out text Find cells reads: enough for stable correlations, a few seconds' work. */
    public static final int PASSAGE_SYMBOLS = 20_000;

    private final Engine engine;
    private final StateTrail trail;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final ObjectProperty<Quantity> quantity = new SimpleObjectProperty<>(this, "quantity", Quantity.CELL);
    private final IntegerProperty selectedUnit = new SimpleIntegerProperty(this, "selectedUnit", -1);
    private final ReadOnlyObjectWrapper<TintSource> tintSource = new ReadOnlyObjectWrapper<>(this, "tintSource", TintSource.TRAIL);
    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(this, "finding");
    private final ReadOnlyDoubleWrapper findProgress = new ReadOnlyDoubleWrapper(this, "findProgress");
    private final ReadOnlyStringWrapper findStatus = new ReadOnlyStringWrapper(this, "findStatus",
            "Find cells reads the held-out text of the corpus the model learnt and ranks the units that track simple"
                    + " features of the text.");
    private final ReadOnlyObjectWrapper<CellAnalysis.Result> found = new ReadOnlyObjectWrapper<>(this, "found");
    private final ReadOnlyIntegerWrapper passageStart = new ReadOnlyIntegerWrapper(this, "passageStart");
    private AtomicBoolean cancelFind = new AtomicBoolean();

    /** Which text the selected unit tints: the latest generated or stepped text, or Find cells' passage. */
    public enum TintSource { TRAIL, PASSAGE }

    public InsideViewModel(Engine engine, StateTrail trail) {
        this.engine = engine;
        this.trail = trail;
        shown.addListener((o, a, b) -> engine.generation().setRecordingStates(b));
        // The passage holds only the layer and quantity Find cells read; another choice tints the latest text.
        layer.addListener((o, a, b) -> revertTintIfPassageDiffers());
        quantity.addListener((o, a, b) -> revertTintIfPassageDiffers());
    }

    private void revertTintIfPassageDiffers() {
        CellAnalysis.Result result = found.get();
        if (result == null || result.layer() != layer.get() || result.quantity() != quantity.get()) {
            tintSource.set(TintSource.TRAIL);
        }
    }

    /** The layers of the model in use (1 when none is loaded). */
    public int layers() {
        LoadedModel model = engine.models().current();
        return model == null ? 1 : model.model().config().layers();
    }

    /** Units per layer of the model in use (0 when none is loaded). */
    public int units() {
        LoadedModel model = engine.models().current();
        return model == null ? 0 : model.model().config().units();
    }

    /** A new model: the old states, units and findings mean nothing for it. */
    public void modelChanged() {
        cancelFind();
        trail.clear();
        found.set(null);
        selectedUnit.set(-1);
        layer.set(Math.min(layer.get(), layers() - 1));
        tintSource.set(TintSource.TRAIL);
    }

    /** Tints the latest text by {@code unit} of the shown layer and quantity. */
    public void selectUnit(int unit) {
        selectedUnit.set(unit);
        tintSource.set(TintSource.TRAIL);
    }

    /**
     * Tints Find cells' passage by a unit it found for {@code feature}, in the layer and quantity
     * it analysed, from a little before the first place the feature changes.
     */
    public void showFoundUnit(TextFeature feature, int unit) {
        CellAnalysis.Result result = found.get();
        if (result == null) {
            return;
        }
        layer.set(result.layer());
        quantity.set(result.quantity());
        selectedUnit.set(unit);
        passageStart.set(firstChange(feature.of(result.symbols())));
        tintSource.set(TintSource.PASSAGE);
    }

    /** Where to start reading to see a feature change: 40 symbols before its first change after the warm-up. */
    static int firstChange(double[] values) {
        for (int t = CellAnalysis.WARM_UP + 1; t < values.length; t++) {
            if (values[t] != values[t - 1]) {
                return Math.max(CellAnalysis.WARM_UP, t - 40);
            }
        }
        return CellAnalysis.WARM_UP;
    }

    /** What Find cells found, and which text it read, in words. */
    private record Finding(CellAnalysis.Result result, String passage) {
    }

    /**
     * Ranks the units of the shown layer by how well they track the text's features, over the
     * held-out text of the text file {@code textFile}, or, when it is null, of the built-in corpus
     * the model learnt. The future completes on the UI thread: true when it found something.
     */
    public CompletableFuture<Boolean> findCells(Path textFile) {
        LoadedModel model = engine.models().current();
        if (model == null || finding.get()) {
            return CompletableFuture.completedFuture(false);
        }
        String source = textFile != null ? textFile.getFileName().toString() : model.corpus();
        if (textFile == null && BuiltInCorpus.byId(model.corpus()) == null) {
            engine.tasks().report(new Problem("Which text did this model learn?", "Find cells reads the held-out text of the"
                    + " corpus the model learnt, '" + model.corpus() + "', which is not built in. Choose that text with"
                    + " \u201cText file\u2026\u201d beside Find cells."));
            return CompletableFuture.completedFuture(false);
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelFind = cancelled;
        finding.set(true);
        findProgress.set(0);
        findStatus.set("Reading " + source + " with the network…");
        int analysedLayer = layer.get();
        Quantity analysed = quantity.get() == Quantity.HIDDEN ? Quantity.HIDDEN : Quantity.CELL;
        Vocabulary vocabulary = model.generator().vocabulary();
        return engine.tasks().task(Lane.FILES, "finding cells in " + source, () -> {
            Corpus text = textFile != null ? CorpusLoader.loadFile(textFile) : CorpusLoader.load(model.corpus());
            Passages.Passage passage = Passages.heldOut(vocabulary, text, PASSAGE_SYMBOLS);
            CellAnalysis.Result result = CellAnalysis.analyze(model.model().snapshotWeights(), vocabulary, passage.symbols(),
                    analysedLayer, analysed, TextFeatures.forText(vocabulary.symbols(passage.symbols())), share -> Platform.runLater(() -> {
                        if (cancelFind == cancelled) {
                            findProgress.set(share);
                        }
                    }), cancelled::get);
            return new Finding(result, passage.describe(source));
        }).onSuccess(finding -> {
            if (engine.models().current() == model) { // not a result for a model no longer in use
                CellAnalysis.Result result = finding.result();
                found.set(result);
                findStatus.set(String.format(Locale.ROOT, "Layer %d, %s, over %,d symbols of %s. Click a unit to tint"
                        + " that text by it.", result.layer() + 1, result.quantity().label(), result.symbols().size(),
                        finding.passage()));
            }
        }).onFailure(error -> {
            if (BackgroundTasks.isCancellation(error)) {
                findStatus.set("Find cells was cancelled.");
                return null;
            }
            findStatus.set("Find cells stopped.");
            return error instanceof IllegalArgumentException || error instanceof CorpusException
                    ? new Problem("Cells could not be found", error.getMessage())
                    : BackgroundTasks.unexpected("finding cells in " + source, error);
        }).onFinally(() -> {
            if (cancelFind == cancelled) {
                finding.set(false);
                findProgress.set(0);
            }
        }).start().handle((ok, error) -> error == null);
    }

    /** Stops Find cells at its next check (within a thousand symbols). */
    public void cancelFind() {
        cancelFind.set(true);
    }

    public StateTrail trail() {
        return trail;
    }

    /** Whether the view is on screen: generation records states only then. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The layer shown, from 0. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    public ObjectProperty<Quantity> quantityProperty() {
        return quantity;
    }

    /** The unit that tints the text, or -1 for none. */
    public IntegerProperty selectedUnitProperty() {
        return selectedUnit;
    }

    public ReadOnlyObjectProperty<TintSource> tintSourceProperty() {
        return tintSource.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty findingProperty() {
        return finding.getReadOnlyProperty();
    }

    /** 0 to 1 while Find cells runs. */
    public ReadOnlyDoubleProperty findProgressProperty() {
        return findProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty findStatusProperty() {
        return findStatus.getReadOnlyProperty();
    }

    /** Where the tinted passage starts when a found unit is shown. */
    public ReadOnlyIntegerProperty passageStartProperty() {
        return passageStart.getReadOnlyProperty();
    }

    /** What Find cells found last, or null. */
    public ReadOnlyObjectProperty<CellAnalysis.Result> foundProperty() {
        return found.getReadOnlyProperty();
    }
}
