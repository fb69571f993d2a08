package textgen.gui.step;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.util.Duration;
import textgen.gui.engine.ModelService;
import textgen.gui.inside.StateTrail;
import textgen.lm.GeneratedSymbol;
import textgen.lm.Generator;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.Vocabulary;

/**
 * Step mode: one character at a time, with every part of the decision kept for the charts:
 * the network's distribution, the one the strategy draws from, the die roll and the winner.
 *
 * <p>A step is one plain-Java LSTM step (~0.04 ms), so it runs on the UI thread; it never
 * touches the DL4J network.
 */
public final class StepViewModel {

    /** One decision: what the network said, what the strategy made of it, the roll and the winner. */
    public record Step(Vocabulary vocabulary, double[] raw, double[] sampled, String samplerLabel,
                       double temperature, double roll, int chosen) {
    }

    private record Saved(Generator.Run.Snapshot snapshot, String text, Step step) {
    }

    private final ModelService models;
    private final DoubleProperty temperature;
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", Strategy.TEMPERATURE);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 5);
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP", 0.9);
    private final DoubleProperty stepsPerSecond = new SimpleDoubleProperty(this, "stepsPerSecond", 2);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<Step> lastStep = new ReadOnlyObjectWrapper<>(this, "lastStep");
    private final ReadOnlyObjectWrapper<double[]> next = new ReadOnlyObjectWrapper<>(this, "next");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final BooleanProperty canGoBack = new SimpleBooleanProperty(this, "canGoBack");
    private final Deque<Saved> history = new ArrayDeque<>();
    private final Timeline runner = new Timeline();
    private Generator.Run run;
    private Vocabulary vocabulary;
    private RandomGenerator rolls = Rng.seeded(1);

    private final StateTrail trail;

    /** {@code trail} receives each step's symbol with the network's state after it. */
    public StepViewModel(ModelService models, DoubleProperty sharedTemperature, StateTrail trail) {
        this.models = models;
        this.trail = trail;
        this.temperature = sharedTemperature;
        runner.setCycleCount(Timeline.INDEFINITE);
        stepsPerSecond.addListener((o, a, b) -> {
            if (running.get()) {
                startRunner();
            }
        });
    }

    public Sampler sampler() {
        return strategy.get().sampler(temperature.get(), topK.get(), topP.get());
    }

    /** Starts again from {@code seed}, forgetting every step. */
    public void reset(String seed) {
        stop();
        ModelService.LoadedModel model = models.current();
        if (model == null) {
            return;
        }
        vocabulary = model.generator().vocabulary();
        rolls = Rng.seeded(seed.hashCode());
        run = model.generator().start(seed, sampler(), rolls);
        run.recordStates(true); // one step at a time: the copy costs nothing that shows
        trail.clear();
        history.clear();
        canGoBack.set(false);
        text.set(seed);
        lastStep.set(null);
        next.set(run.nextDistribution(0));
    }

    /** Draws exactly one character with the current strategy and appends it. */
    public void next() {
        if (run == null) {
            return;
        }
        history.push(new Saved(run.snapshot(), text.get(), lastStep.get()));
        canGoBack.set(true);
        Sampler sampler = sampler();
        run.setSampler(0, sampler);
        double roll = rolls.nextDouble();
        GeneratedSymbol c = run.stepWithRoll(roll);
        text.set(text.get() + c.text());
        trail.add(List.of(new StateTrail.Entry(c.text(), run.lastState())));
        lastStep.set(new Step(vocabulary, c.networkDistribution(), c.samplingDistribution(), sampler.describe(),
                sampler.temperature(), roll, c.index()));
        next.set(run.nextDistribution(0));
    }

    /** Undoes the last step: text, network state and charts as they were before it. */
    public void back() {
        if (history.isEmpty()) {
            return;
        }
        Saved saved = history.pop();
        run.restore(saved.snapshot());
        trail.removeLast();
        text.set(saved.text());
        lastStep.set(saved.step());
        next.set(run.nextDistribution(0));
        canGoBack.set(!history.isEmpty());
    }

    public void toggleRun() {
        if (running.get()) {
            stop();
        } else {
            running.set(true);
            startRunner();
        }
    }

    public void stop() {
        runner.stop();
        running.set(false);
    }

    private void startRunner() {
        runner.stop();
        runner.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / Math.max(0.1, stepsPerSecond.get())), e -> next()));
        runner.play();
    }

    public boolean isReady() {
        return run != null;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public DoubleProperty stepsPerSecondProperty() {
        return stepsPerSecond;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    /** The network's distribution for the next character. */
    public ReadOnlyObjectProperty<double[]> nextProperty() {
        return next.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public BooleanProperty canGoBackProperty() {
        return canGoBack;
    }
}
