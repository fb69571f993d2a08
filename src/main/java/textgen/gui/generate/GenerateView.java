package textgen.gui.generate;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import textgen.gui.Spinners;
import textgen.gui.charts.CanvasChart;
import textgen.gui.charts.DistributionChart;
import textgen.gui.charts.SmallMultiplesChart;
import textgen.gui.charts.TemperatureSweepChart;

/**
 * Seed, Generate and Stop; the streaming text beside the distribution chart; the temperature
 * slider underneath, full width, since it is what people reach for most.
 */
public final class GenerateView extends BorderPane {

    private final GenerateViewModel model;
    private final GeneratedTextView text = new GeneratedTextView();
    private final DistributionChart chart = new DistributionChart();
    private final TemperatureSweepChart sweep = new TemperatureSweepChart();
    private final SmallMultiplesChart multiples = new SmallMultiplesChart();
    private final TabPane chartTabs;
    private final TemperatureSlider temperature = new TemperatureSlider();
    private final TextField seed = new TextField();
    private final Button generate = new Button("Generate");
    private final Button stop = new Button("Stop");

    public GenerateView(GenerateViewModel model) {
        this.model = model;
        getStyleClass().add("generate-view");

        seed.setId("seedField");
        seed.setPromptText("Type the start of a text…");
        seed.setTooltip(new Tooltip("The seed: the model continues this text. Press Enter to generate."));
        seed.textProperty().bindBidirectional(model.seedProperty());
        seed.setOnAction(e -> model.generate());
        HBox.setHgrow(seed, Priority.ALWAYS);

        Spinner<Integer> length = new Spinner<>(1, 100_000, model.lengthProperty().get(), 100);
        length.setId("lengthSpinner");
        length.setEditable(true);
        length.setPrefWidth(110);
        Tooltip lengthTip = new Tooltip();
        lengthTip.textProperty().bind(Bindings.concat("How many ", model.unitProperty(), "s to generate"));
        length.setTooltip(lengthTip);
        length.valueProperty().addListener((o, a, b) -> model.lengthProperty().set(b));
        Spinners.commitOnFocusLoss(length);

        generate.setId("generateButton");
        generate.getStyleClass().add("accent");
        generate.setTooltip(new Tooltip("Generate from the seed (Ctrl+G or Enter)"));
        generate.setOnAction(e -> model.generate());
        generate.disableProperty().bind(model.modelReadyProperty().not().or(model.generatingProperty()));
        stop.setId("stopButton");
        stop.setTooltip(new Tooltip("Stop generating (Escape)"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.generatingProperty().not());

        Label seedLabel = new Label("Seed");
        seedLabel.getStyleClass().add("section-title");
        seedLabel.setLabelFor(seed);
        HBox top = new HBox(10, seedLabel, seed, new Label("Length"), length, generate, stop);
        top.setAlignment(Pos.CENTER_LEFT);

        Label warning = new Label();
        warning.setId("seedWarning");
        warning.getStyleClass().add("warning-text");
        warning.textProperty().bind(model.seedWarningProperty());
        warning.visibleProperty().bind(model.seedWarningProperty().isNotNull());
        warning.managedProperty().bind(warning.visibleProperty());

        chart.setId("distributionChart");
        sweep.setId("sweepChart");
        multiples.setId("smallMultiples");
        model.chartDataProperty().addListener((o, a, b) -> {
            chart.setData(b);
            sweep.setDistribution(b == null ? null : b.raw());
            multiples.setDistribution(b == null ? null : b.vocabulary(), b == null ? null : b.raw());
        });
        sweep.setMarker(model.temperatureProperty().get());
        model.temperatureProperty().addListener((o, a, b) -> sweep.setMarker(b.doubleValue()));
        TabPane views = new TabPane(
                tab("Distribution", chart, "The distribution of the next character or word, before and after reweighting"),
                tab("Entropy vs T", sweep, "How spread out the choice is at every temperature; the red mark is the slider"),
                tab("Small multiples", multiples, "The same distribution at several temperatures side by side"));
        views.setId("chartTabs");
        this.chartTabs = views;
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label legend = new Label();
        legend.textProperty().bind(Bindings.concat("Text: dark = the model expected it, red = a surprising draw. Hover or click a ",
                model.unitProperty(), " to see the distribution it was drawn from."));
        legend.getStyleClass().add("hint");
        legend.setWrapText(true);
        legend.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // two lines, never cut
        Label focusHint = new Label();
        focusHint.setId("focusHint");
        focusHint.getStyleClass().add("hint");
        focusHint.textProperty().bind(model.chartCaptionProperty());
        VBox chartBox = new VBox(8, views, focusHint);
        VBox.setVgrow(views, Priority.ALWAYS);

        Label surprise = new Label();
        surprise.setId("surpriseReadout");
        surprise.getStyleClass().add("surprise-readout");
        Tooltip surpriseTip = new Tooltip();
        surpriseTip.textProperty().bind(Bindings.createStringBinding(() -> "The average of -log2 p(" + model.unitProperty().get()
                + ") under the network's own distribution (T = 1). Low temperatures pick likely " + model.unitProperty().get()
                + "s: low surprise, and often repetition.", model.unitProperty()));
        surprise.setTooltip(surpriseTip);
        surprise.textProperty().bind(Bindings.createStringBinding(() -> {
            double bits = model.surpriseBitsProperty().get();
            return Double.isNaN(bits) ? "Surprise: generate some text to measure it."
                    : String.format(Locale.ROOT, "Surprise so far: %.2f bits per %s (under T = 1)", bits, model.unitProperty().get());
        }, model.surpriseBitsProperty(), model.unitProperty()));
        VBox textBox = new VBox(8, text, surprise, legend);
        VBox.setVgrow(text, Priority.ALWAYS);
        SplitPane split = new SplitPane(textBox, chartBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.45);

        temperature.temperatureProperty().bindBidirectional(model.temperatureProperty());
        Slider pace = new Slider(5, 400, model.symbolsPerSecondProperty().get());
        pace.setId("paceSlider");
        Tooltip paceTip = new Tooltip();
        paceTip.textProperty().bind(Bindings.concat("How many ", model.unitProperty(), "s a second appear while streaming"));
        pace.setTooltip(paceTip);
        pace.valueProperty().bindBidirectional(model.symbolsPerSecondProperty());
        Label paceValue = new Label();
        paceValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.0f %s/s", pace.getValue(),
                        model.unitProperty().get().equals("word") ? "words" : "chars"), pace.valueProperty(), model.unitProperty()));
        paceValue.setMinWidth(90);
        HBox paceRow = new HBox(10, new Label("Pace"), pace, paceValue);
        paceRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(pace, Priority.ALWAYS);
        VBox bottom = new VBox(4, temperature, paceRow);

        // The text view follows the pointer and clicks; the chart follows the text view.
        model.bindOutput(text::start, text::append);
        text.hoveredProperty().addListener((o, a, b) -> model.focusedProperty().set(b != null ? b : text.selectedProperty().get()));
        text.selectedProperty().addListener((o, a, b) -> model.focusedProperty().set(b));

        setTop(new VBox(6, top, warning));
        setCenter(split);
        setBottom(bottom);
        BorderPane.setMargin(split, new Insets(10, 0, 10, 0));
        setPadding(new Insets(12));
    }

    private static Tab tab(String title, javafx.scene.Node content, String tooltip) {
        Tab tab = new Tab(title, content);
        tab.setTooltip(new Tooltip(tooltip));
        return tab;
    }

    public DistributionChart chart() {
        return chart;
    }

    /** The chart on the selected chart tab. */
    public CanvasChart visibleChart() {
        return (CanvasChart) chartTabs.getSelectionModel().getSelectedItem().getContent();
    }

    public TemperatureSweepChart sweep() {
        return sweep;
    }

    /** The charts the frame loop redraws. */
    public java.util.List<CanvasChart> charts() {
        return java.util.List.of(chart, sweep, multiples);
    }

    public GeneratedTextView textView() {
        return text;
    }

    public TemperatureSlider temperatureSlider() {
        return temperature;
    }
}
