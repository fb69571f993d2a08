package textgen.gui.step;

import static textgen.gui.Explanations.explanation;
import static textgen.gui.Explanations.fixed;
import static textgen.gui.Explanations.text;
import static textgen.gui.Explanations.tooltip;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import textgen.gui.Spinners;
import textgen.gui.generate.GenerateViewModel;
import textgen.gui.generate.TemperatureSlider;

/**
 * Step by step: one sampling decision at a time, each strategy side by side, and short
 * explanations written for students.
 */
public final class TeachView extends BorderPane {

    private final StepChart stepChart = new StepChart();
    private final StrategiesChart strategies = new StrategiesChart();

    public TeachView(StepViewModel model, GenerateViewModel generate) {
        getStyleClass().add("teach-view");
        // "character" or "word": what the loaded model draws, so the words here match it.
        ReadOnlyStringProperty unit = generate.unitProperty();

        Button reset = new Button("Start from the seed");
        reset.setId("stepReset");
        reset.setTooltip(new Tooltip("Start again from the seed on the Generate tab"));
        reset.setOnAction(e -> model.reset(generate.seedProperty().get()));
        Button next = new Button();
        next.setId("stepNext");
        next.textProperty().bind(Bindings.concat("_Next ", unit));
        next.getStyleClass().add("accent");
        next.setTooltip(tooltip(unit, u -> "Generate exactly one " + u + " and show the whole decision (Ctrl+N)"));
        next.setOnAction(e -> model.next());
        Button back = new Button("_Back");
        back.setId("stepBack");
        back.setTooltip(new Tooltip("Undo the last step (Ctrl+B)"));
        back.setOnAction(e -> model.back());
        back.disableProperty().bind(model.canGoBackProperty().not());
        Button run = new Button();
        run.setId("stepRun");
        run.textProperty().bind(Bindings.when(model.runningProperty()).then("Pause").otherwise("_Run"));
        run.setTooltip(new Tooltip("Take steps one after another at the pace set beside"));
        run.setOnAction(e -> model.toggleRun());
        Slider pace = new Slider(0.5, 20, model.stepsPerSecondProperty().get());
        pace.setId("stepPace");
        pace.setTooltip(new Tooltip("Steps per second while running"));
        pace.valueProperty().bindBidirectional(model.stepsPerSecondProperty());
        Label paceValue = new Label();
        paceValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.1f steps/s", pace.getValue()), pace.valueProperty()));
        CheckBox explain = new CheckBox("Explanations");
        explain.setId("explanationsToggle");
        explain.setSelected(true);
        explain.setTooltip(new Tooltip("Show or hide the explanations beside the charts"));
        HBox buttons = new HBox(10, reset, next, back, run, new Label("Pace"), pace, paceValue, explain);
        buttons.setAlignment(Pos.CENTER_LEFT);

        TextArea text = new TextArea();
        text.setId("stepText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(2);
        text.getStyleClass().add("compare-text");
        text.textProperty().bind(model.textProperty());
        text.textProperty().addListener((o, a, b) -> text.setScrollTop(Double.MAX_VALUE));

        // Strategy controls.
        ToggleGroup group = new ToggleGroup();
        VBox controls = new VBox(8, title("Strategy"));
        for (Strategy s : Strategy.values()) {
            RadioButton b = new RadioButton(s.title());
            b.setId("strategy-" + s.name());
            b.setToggleGroup(group);
            b.setUserData(s);
            b.setTooltip(new Tooltip(s.summary()));
            b.setSelected(s == model.strategyProperty().get());
            controls.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.strategyProperty().set((Strategy) b.getUserData());
            }
        });
        Spinner<Integer> k = new Spinner<>(1, 200, model.topKProperty().get());
        k.setId("topKSpinner");
        k.setEditable(true);
        k.setPrefWidth(100);
        k.setTooltip(tooltip(unit, u -> "Top-k keeps this many of the likeliest " + u + "s"));
        k.valueProperty().addListener((o, a, b) -> model.topKProperty().set(b));
        Spinners.commitOnFocusLoss(k);
        Slider p = new Slider(0.05, 1, model.topPProperty().get());
        p.setId("topPSlider");
        p.setTooltip(tooltip(unit, u -> "Top-p keeps the fewest likeliest " + u + "s whose probabilities add up to p"));
        p.valueProperty().bindBidirectional(model.topPProperty());
        Label pValue = new Label();
        pValue.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "p = %.2f", p.getValue()),
                p.valueProperty()));
        TemperatureSlider temperature = new TemperatureSlider("step-");
        temperature.temperatureProperty().bindBidirectional(model.temperatureProperty());
        controls.getChildren().addAll(new Label("k (top-k)"), k, pValue, p);
        controls.setMinWidth(200);
        controls.setPadding(new Insets(0, 12, 0, 0));

        // Charts follow the model.
        Runnable refreshStrategies = () -> {
            if (model.vocabulary() != null && model.nextProperty().get() != null) {
                strategies.set(model.vocabulary(), model.nextProperty().get(), model.strategyProperty().get(),
                        model.temperatureProperty().get(), model.topKProperty().get(), model.topPProperty().get());
            }
        };
        model.nextProperty().addListener((o, a, b) -> refreshStrategies.run());
        model.strategyProperty().addListener((o, a, b) -> refreshStrategies.run());
        model.temperatureProperty().addListener((o, a, b) -> refreshStrategies.run());
        model.topKProperty().addListener((o, a, b) -> refreshStrategies.run());
        model.topPProperty().addListener((o, a, b) -> refreshStrategies.run());
        model.lastStepProperty().addListener((o, a, b) -> stepChart.setStep(b));
        stepChart.setId("stepChart");
        strategies.setId("strategiesChart");
        Label strategiesTitle = title("");
        strategiesTitle.textProperty().bind(text(unit, u -> "The next " + u + ", as each strategy would draw it"));
        VBox charts = new VBox(8, stepChart, strategiesTitle, strategies);
        VBox.setVgrow(stepChart, Priority.ALWAYS);

        ScrollPane explanations = new ScrollPane(explanations(unit));
        explanations.setId("explanations");
        explanations.setFitToWidth(true);
        explanations.setPrefWidth(320);
        explanations.visibleProperty().bind(explain.selectedProperty());
        explanations.managedProperty().bind(explanations.visibleProperty());

        setTop(new VBox(6, buttons, temperature, text));
        setLeft(controls);
        setCenter(charts);
        setRight(explanations);
        BorderPane.setMargin(charts, new Insets(10, 10, 10, 0));
        setPadding(new Insets(12));
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private VBox explanations(ReadOnlyStringProperty unit) {
        VBox box = new VBox(12,
                explanation("What happens in one step", text(unit, u ->
                        "The network reads the text so far and gives every " + u + " a probability p: how likely it"
                                + " thinks that " + u + " comes next. A strategy turns those into the probabilities it draws"
                                + " from; a random number (the die roll u, between 0 and 1) picks one; it is appended, and"
                                + " the next step starts from the longer text.")),
                explanation("What the temperature does", fixed(
                        "Dividing log p by T before renormalising sharpens the distribution when T < 1 (the likely get"
                                + " likelier) and flattens it when T > 1 (the unlikely get a chance). T = 1 leaves it as"
                                + " the network said; T near 0 always takes the likeliest.")),
                explanation("Why low T repeats itself", fixed(
                        "At low T the same likeliest continuations win again and again, so the text falls into loops"
                                + " (\u201cthe child and the child\u201d). It is safe but dull.")),
                explanation("Why high T makes nonsense", text(unit, u -> u.equals("word")
                        ? "At high T rare words are drawn often; one odd word sends the sentence somewhere the network"
                                + " has never seen, and the errors pile up into word salad."
                        : "At high T rare characters are drawn often; one odd letter sends the text somewhere the network"
                                + " has never seen, and the errors pile up into invented words.")),
                explanation("Top-k and top-p", text(unit, u ->
                        "Both cut off the long tail of unlikely " + u + "s before drawing. Top-k keeps a fixed number;"
                                + " top-p keeps as many as it takes to cover probability p, so it keeps few when the network"
                                + " is sure and many when it is not.")),
                explanation("Entropy", fixed(
                        "Entropy, in bits, measures how uncertain a choice is: 0 bits means one sure answer, 1 bit a"
                                + " coin toss, log2(n) bits an even choice among n. Perplexity, 2 to the entropy, is that"
                                + " \u201ceffective number of choices\u201d.")),
                explanation("The cumulative bar", fixed(
                        "Laying the probabilities end to end fills the line from 0 to 1. A uniform random number lands"
                                + " in a segment with exactly that segment's probability: this is how every sampler draws.")));
        Hyperlink history = new Hyperlink("Where this method comes from…");
        history.setId("historyLink");
        history.setOnAction(e -> showHistory());
        box.getChildren().add(history);
        box.setPadding(new Insets(4, 4, 4, 12));
        return box;
    }

    private void showHistory() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Where this method comes from");
        alert.setHeaderText("From recurrent networks to today's language models");
        Label text = new Label(HISTORY);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.initOwner(getScene().getWindow());
        alert.show();
    }

    static final String HISTORY = "Predicting the next symbol from the ones before it is an old idea: Shannon (1948, 1951)"
            + " estimated the entropy of English by having people guess the next letter, and generated text from letter"
            + " and word statistics (n-grams).\n\n"
            + "Recurrent neural networks carry a hidden state from one step to the next (Elman, 1990). Long short-term"
            + " memory (Hochreiter and Schmidhuber, 1997) added gates so that the state can keep information over long"
            + " spans. Sutskever, Martens and Hinton (2011) and Graves (2013) trained such networks on characters and"
            + " sampled text from them, one character at a time; Karpathy's char-rnn (2015) made it a popular"
            + " demonstration, and the Keras example this app follows trains one LSTM layer on a book and samples at"
            + " several temperatures.\n\n"
            + "Today's large language models replace the LSTM with the transformer (Vaswani et al., 2017) and characters"
            + " with word pieces, and are vastly larger, but they generate the same way: a distribution over the next"
            + " token, reweighted by a temperature, often truncated by top-k or top-p (Holtzman et al., 2019), and one draw"
            + " at a time.";

    public StepChart stepChart() {
        return stepChart;
    }

    public StrategiesChart strategiesChart() {
        return strategies;
    }
}
