package textgen.gui.generate;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import textgen.gui.engine.GenerationService;
import textgen.lm.GeneratedSymbol;
import textgen.sampling.Sampler;
import textgen.sampling.TemperatureScale;

/** The same seed streamed at several temperatures side by side, generated as one batch. */
public final class CompareViewModel {

    private final GenerationService generation;
    private final List<DoubleProperty> temperatures = new ArrayList<>();
    private final List<StringProperty> texts = new ArrayList<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private int currentGeneration = -1;

    public CompareViewModel(GenerationService generation) {
        this.generation = generation;
        for (double t : TemperatureScale.PRESETS) {
            temperatures.add(new SimpleDoubleProperty(this, "temperature", t));
            texts.add(new SimpleStringProperty(this, "text", ""));
        }
    }

    public int columns() {
        return temperatures.size();
    }

    public DoubleProperty temperatureProperty(int column) {
        return temperatures.get(column);
    }

    public StringProperty textProperty(int column) {
        return texts.get(column);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public void start(String seed, int length, double symbolsPerSecond) {
        List<Sampler> samplers = new ArrayList<>();
        for (int i = 0; i < temperatures.size(); i++) {
            samplers.add(Sampler.withTemperature(temperatures.get(i).get()));
            texts.get(i).set(seed);
        }
        currentGeneration = generation.compare(seed, samplers, length, symbolsPerSecond, null);
        running.set(true);
    }

    public void stop() {
        generation.stop();
        running.set(false);
    }

    public void onFrame() {
        boolean generating = generation.isRunning(currentGeneration); // before draining: see GenerationService.isRunning
        List<GenerationService.CompareStep> steps = generation.drainCompared(512);
        if (!steps.isEmpty()) {
            StringBuilder[] chunks = new StringBuilder[texts.size()];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = new StringBuilder();
            }
            for (GenerationService.CompareStep step : steps) {
                if (step.generation() != currentGeneration) {
                    continue;
                }
                List<GeneratedSymbol> symbols = step.symbols();
                for (int i = 0; i < symbols.size(); i++) {
                    chunks[i].append(symbols.get(i).text());
                }
            }
            for (int i = 0; i < chunks.length; i++) {
                if (chunks[i].length() > 0) {
                    texts.get(i).set(texts.get(i).get() + chunks[i]);
                }
            }
        }
        if (running.get() && !generating && steps.isEmpty()) {
            running.set(false);
        }
    }
}
