package textgen.gui.generate;

import java.util.List;
import java.util.function.Consumer;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import textgen.gui.engine.GenerationService;
import textgen.gui.engine.ModelService;
import textgen.gui.inside.StateTrail;
import textgen.lm.GeneratedSymbol;
import textgen.sampling.Sampler;
import textgen.text.Vocabulary;

/**
 * State of the Generate view: seed, temperature, length, pace, whether text is streaming, and
 * what the distribution chart should show: the character under the pointer, else the selected
 * one, else the live context reweighted at the current temperature.
 */
public final class GenerateViewModel {

    private final javafx.beans.property.ReadOnlyStringWrapper unit = new javafx.beans.property.ReadOnlyStringWrapper(this, "unit", "character");
    private final GenerationService generation;
    private final ModelService models;
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "The old man ");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1.0);
    private final IntegerProperty length = new SimpleIntegerProperty(this, "length", 600);
    private final DoubleProperty symbolsPerSecond = new SimpleDoubleProperty(this, "symbolsPerSecond", 40);
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper(this, "generating");
    private final ObjectProperty<GeneratedSymbol> focused = new SimpleObjectProperty<>(this, "focused");
    private final ReadOnlyObjectWrapper<SymbolChoice> chartData = new ReadOnlyObjectWrapper<>(this, "chartData");
    private final BooleanProperty modelReady = new SimpleBooleanProperty(this, "modelReady");
    private final StringProperty seedWarning = new SimpleStringProperty(this, "seedWarning");
    private final ReadOnlyStringWrapper chartCaption = new ReadOnlyStringWrapper(this, "chartCaption", "");
    private final ReadOnlyDoubleWrapper surpriseBits = new ReadOnlyDoubleWrapper(this, "surpriseBits", Double.NaN);
    private double surpriseSum;
    private int surpriseCount;

    /** The network's distribution for the current context (after the seed or the last character). */
    private double[] liveRaw;
    private int liveChosen = -1;
    private int currentGeneration = -1;
    private Consumer<String> onStart = seedText -> { };
    private final StateTrail trail;
    private Consumer<List<GeneratedSymbol>> onChunk = chunk -> { };

    /** {@code trail} receives each generated symbol with the network's state, while states are recorded. */
    public GenerateViewModel(GenerationService generation, ModelService models, StateTrail trail) {
        this.generation = generation;
        this.models = models;
        this.trail = trail;
        temperature.addListener((o, a, b) -> {
            generation.setSampler(sampler());
            refreshChart();
        });
        focused.addListener((o, a, b) -> refreshChart());
        seed.addListener((o, a, b) -> {
            if (!generating.get()) {
                generation.requestContext(b);
            }
        });
    }

    public Sampler sampler() {
        return Sampler.withTemperature(temperature.get());
    }

    /** Where the view receives a new generation's seed and each frame's characters. */
    public void bindOutput(Consumer<String> startHandler, Consumer<List<GeneratedSymbol>> chunkHandler) {
        this.onStart = startHandler;
        this.onChunk = chunkHandler;
    }

    /** Starts streaming; returns false if no model is ready. */
    public boolean generate() {
        if (!modelReady.get()) {
            return false;
        }
        generation.setSampler(sampler());
        onStart.accept(seed.get());
        trail.clear();
        surpriseSum = 0;
        surpriseCount = 0;
        surpriseBits.set(Double.NaN);
        currentGeneration = generation.generate(seed.get(), length.get(), symbolsPerSecond.get(), null);
        generating.set(true);
        focused.set(null);
        return true;
    }

    public void stop() {
        generation.stop();
        generating.set(false);
    }

    /** Called once per frame: takes what the engine produced since the last frame. */
    public void onFrame() {
        GenerationService.ContextDistribution context = generation.takeContextDistribution();
        if (context != null) {
            liveRaw = context.distribution();
            liveChosen = -1;
            seedWarning.set(context.warning());
            refreshChart();
        }
        // Asked before draining: once it has ended, all its symbols are in the queue.
        boolean running = generation.isRunning(currentGeneration);
        List<GenerationService.GeneratedStep> steps = generation.drainGenerated(512);
        if (!steps.isEmpty()) {
            List<GeneratedSymbol> chunk = steps.stream()
                    .filter(s -> s.generation() == currentGeneration)
                    .map(GenerationService.GeneratedStep::symbol)
                    .toList();
            if (!chunk.isEmpty()) {
                onChunk.accept(chunk);
                trail.add(steps.stream().filter(s -> s.generation() == currentGeneration && s.state() != null)
                        .map(s -> new StateTrail.Entry(s.symbol().text(), s.state())).toList());
                for (GeneratedSymbol c : chunk) {
                    // Surprise under the network's own distribution (T = 1), whatever T drew it.
                    surpriseSum -= Math.log(Math.max(c.networkDistribution()[c.index()], 1e-300)) / Math.log(2);
                    surpriseCount++;
                }
                surpriseBits.set(surpriseSum / surpriseCount);
                GeneratedSymbol last = chunk.get(chunk.size() - 1);
                liveRaw = last.networkDistribution();
                liveChosen = last.index();
                refreshChart();
            }
        }
        if (generating.get() && !running && steps.isEmpty()) {
            generating.set(false);
        }
    }

    /** A new model: forget the old context and ask for the seed's. */
    public void modelChanged() {
        ModelService.LoadedModel model = models.current();
        unit.set(model == null ? "character" : model.generator().vocabulary().unit());
        liveRaw = null;
        liveChosen = -1;
        focused.set(null);
        refreshChart();
        generation.requestContext(seed.get());
    }

    private void refreshChart() {
        ModelService.LoadedModel model = models.current();
        if (model == null) {
            chartData.set(null);
            return;
        }
        Vocabulary vocabulary = model.generator().vocabulary();
        GeneratedSymbol c = focused.get();
        if (c != null) {
            chartData.set(new SymbolChoice(vocabulary, c.networkDistribution(), c.samplingDistribution(),
                    "as drawn", c.index()));
            chartCaption.set("The distribution '" + c.label()
                    + "' was drawn from; it won the draw (framed). Click it again to go back.");
        } else if (liveRaw != null && liveRaw.length == vocabulary.size()) {
            Sampler s = sampler();
            chartData.set(new SymbolChoice(vocabulary, liveRaw, s.distribution(liveRaw), s.describe(), liveChosen));
            chartCaption.set(liveChosen >= 0
                    ? "The latest " + vocabulary.unit() + " (framed) was drawn from this distribution."
                    : "The distribution of the next " + vocabulary.unit() + " after the seed.");
        }
    }

    /** "character" or "word": what the loaded model generates. */
    public javafx.beans.property.ReadOnlyStringProperty unitProperty() {
        return unit.getReadOnlyProperty();
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty lengthProperty() {
        return length;
    }

    /** The pace of generation, in characters or words per second (0 for as fast as possible). */
    public DoubleProperty symbolsPerSecondProperty() {
        return symbolsPerSecond;
    }

    public ReadOnlyBooleanProperty generatingProperty() {
        return generating.getReadOnlyProperty();
    }

    public ObjectProperty<GeneratedSymbol> focusedProperty() {
        return focused;
    }

    public ReadOnlyObjectProperty<SymbolChoice> chartDataProperty() {
        return chartData.getReadOnlyProperty();
    }

    public BooleanProperty modelReadyProperty() {
        return modelReady;
    }

    /**
     * Mean surprise of the text generated so far, in bits per character, measured under the
     * network's own distribution (T = 1): low temperatures give low-surprise, repetitive text.
     * NaN before the first character.
     */
    public ReadOnlyDoubleProperty surpriseBitsProperty() {
        return surpriseBits.getReadOnlyProperty();
    }

    /** Characters the surprise readout is averaged over. */
    public int surpriseCount() {
        return surpriseCount;
    }

    /** One sentence under the chart saying what it shows. */
    public ReadOnlyStringProperty chartCaptionProperty() {
        return chartCaption.getReadOnlyProperty();
    }

    public StringProperty seedWarningProperty() {
        return seedWarning;
    }
}
