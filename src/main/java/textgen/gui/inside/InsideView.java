package textgen.gui.inside;

import static textgen.gui.Explanations.explanation;
import static textgen.gui.Explanations.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import textgen.gui.FileChoosers;
import textgen.gui.Spinners;
import textgen.gui.charts.CanvasChart;
import textgen.gui.generate.GenerateViewModel;
import textgen.gui.inside.InsideViewModel.TintSource;
import textgen.lm.CellState.Quantity;
import textgen.lm.inside.CellAnalysis;
import textgen.lm.inside.CellAnalysis.UnitScore;
import textgen.text.TextFeature;

/**
 * Inside: what the network holds as it reads. A heatmap of one layer's units over the latest
 * symbols (or the gates' saturation), the text tinted by one unit, every unit's value at the
 * symbol under the pointer, and Find cells, which ranks the units that track features of the text.
 */
public final class InsideView extends BorderPane {

    private final InsideViewModel model;
    private final StateHeatmap heatmap = new StateHeatmap();
    private final GateScatterChart gates = new GateScatterChart();
    private final TintedText tinted = new TintedText();
    private final UnitValuesChart unitValues = new UnitValuesChart();
    private final VBox findings = new VBox(10);
    private final Label caption = new Label();
    private final Label passagePlace = new Label();
    private final Region legendScale = new Region();
    private final Label legendLow = new Label();
    private final Label legendHigh = new Label();
    private final TabPane charts;
    private final SplitPane center;
    private final Spinner<Integer> layerSpinner = new Spinner<>(new IntegerSpinnerValueFactory(1, 1, 1));
    private final Spinner<Integer> unitSpinner = new Spinner<>(new IntegerSpinnerValueFactory(-1, 0, -1));
    private final ReadOnlyStringProperty unit;

    public InsideView(InsideViewModel model, GenerateViewModel generate) {
        this.model = model;
        this.unit = generate.unitProperty();
        getStyleClass().add("inside-view");

        // Toolbar: text to look at, and what of the network to show.
        Button generateButton = new Button("Generate");
        generateButton.setId("insideGenerate");
        generateButton.getStyleClass().add("accent");
        generateButton.setTooltip(new Tooltip("Generate from the Generate tab's seed and watch the network's state here"));
        generateButton.setOnAction(e -> generate.generate());
        generateButton.disableProperty().bind(generate.modelReadyProperty().not().or(generate.generatingProperty()));
        Button stop = new Button("Stop");
        stop.setId("insideStop");
        stop.setTooltip(new Tooltip("Stop generating (Escape)"));
        stop.setOnAction(e -> generate.stop());
        stop.disableProperty().bind(generate.generatingProperty().not());

        layerSpinner.setId("insideLayer");
        layerSpinner.setPrefWidth(80);
        layerSpinner.setTooltip(new Tooltip("Which LSTM layer to show, from the one that reads the text (1)"));
        layerSpinner.valueProperty().addListener((o, a, b) -> model.layerProperty().set(b - 1));
        model.layerProperty().addListener((o, a, b) -> layerSpinner.getValueFactory().setValue(b.intValue() + 1));

        ComboBox<Quantity> quantity = new ComboBox<>();
        quantity.setId("insideQuantity");
        quantity.getItems().setAll(Quantity.values());
        quantity.setConverter(new StringConverter<>() {
            @Override
            public String toString(Quantity q) {
                return q == null ? "" : q.label();
            }

            @Override
            public Quantity fromString(String s) {
                return null;
            }
        });
        quantity.valueProperty().bindBidirectional(model.quantityProperty());
        quantity.setTooltip(new Tooltip("What to show of each unit: what it passes on (hidden state), what it remembers"
                + " (cell state), or one of its gates"));

        unitSpinner.setId("insideUnit");
        unitSpinner.setEditable(true);
        unitSpinner.setPrefWidth(100);
        unitSpinner.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer u) {
                return u == null || u < 0 ? "none" : Integer.toString(u);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        });
        unitSpinner.setTooltip(new Tooltip("The unit that tints the text; or click its row in the heatmap"));
        unitSpinner.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != model.selectedUnitProperty().get()) {
                model.selectUnit(b);
            }
        });
        model.selectedUnitProperty().addListener((o, a, b) -> unitSpinner.getValueFactory().setValue(b.intValue()));
        Spinners.commitOnFocusLoss(unitSpinner);

        CheckBox explain = new CheckBox("Explanations");
        explain.setId("insideExplanationsToggle");
        explain.setSelected(true);
        explain.setTooltip(new Tooltip("Show or hide the explanations beside the charts"));

        Label layerLabel = new Label("Layer");
        layerLabel.setLabelFor(layerSpinner);
        Label showLabel = new Label("Show");
        showLabel.setLabelFor(quantity);
        Label unitLabel = new Label("Unit");
        unitLabel.setLabelFor(unitSpinner);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(10, generateButton, stop, layerLabel, layerSpinner, showLabel, quantity, unitLabel, unitSpinner,
                grow, explain);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        // The heatmap or the gate scatter on top; the tinted text and every unit's values below.
        heatmap.setId("stateHeatmap");
        heatmap.setOnUnitClicked(model::selectUnit);
        gates.setId("gateScatter");
        gates.setOnUnitClicked(model::selectUnit);
        Label gatesCaption = new Label("Each dot is one unit's gate: how often, over Find cells' passage, it was nearly"
                + " shut (< 0.1, across) and nearly open (> 0.9, up). On the dashed line a gate is always one or the other;"
                + " near the corner it works in between. Click a dot to tint the text by its unit.");
        gatesCaption.getStyleClass().add("hint");
        gatesCaption.setWrapText(true);
        gatesCaption.setMinHeight(Region.USE_PREF_SIZE);
        VBox gatesBox = new VBox(6, gates, gatesCaption);
        VBox.setVgrow(gates, Priority.ALWAYS);
        charts = new TabPane(tab("Units over time", heatmap, "One row per unit, one column per symbol read, newest on the right"),
                tab("Gate saturation", gatesBox, "How often each unit's gates are nearly shut or nearly open"));
        charts.setId("insideCharts");
        charts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        caption.setId("tintCaption");
        caption.getStyleClass().add("section-title");
        legendScale.getStyleClass().add("state-legend");
        legendScale.setPrefSize(140, 14);
        legendScale.setMinSize(140, 14);
        HBox legend = new HBox(4, legendLow, legendScale, legendHigh);
        legend.setAlignment(Pos.CENTER_LEFT);
        Button earlier = new Button("\u25C0 Earlier");
        earlier.setId("passageEarlier");
        earlier.setOnAction(e -> tinted.scrollTo(Math.max(0, tinted.first() - Math.max(1, tinted.shownCount()))));
        Button later = new Button("Later \u25B6");
        later.setId("passageLater");
        later.setOnAction(e -> tinted.scrollTo(Math.min(tinted.size() - 1, tinted.first() + Math.max(1, tinted.shownCount()))));
        Button latest = new Button("Latest text");
        latest.setId("passageBack");
        latest.setTooltip(new Tooltip("Tint the latest generated or stepped text instead of the passage"));
        latest.setOnAction(e -> model.selectUnit(model.selectedUnitProperty().get()));
        HBox pager = new HBox(6, passagePlace, earlier, later, latest);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.visibleProperty().bind(model.tintSourceProperty().isEqualTo(TintSource.PASSAGE));
        pager.managedProperty().bind(pager.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tintHeader = new HBox(12, caption, spacer, legend);
        tintHeader.setAlignment(Pos.CENTER_LEFT);
        tinted.setId("tintedText");
        unitValues.setId("unitValues");
        VBox textBox = new VBox(6, tintHeader, pager, tinted, unitValues);
        VBox.setVgrow(tinted, Priority.ALWAYS);
        center = new SplitPane(charts, textBox);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.5);

        VBox explanations = explanations();
        explanations.visibleProperty().bind(explain.selectedProperty());
        explanations.managedProperty().bind(explanations.visibleProperty());
        ScrollPane side = new ScrollPane(side(explanations));
        side.setId("insideSide");
        side.setFitToWidth(true);
        side.setPrefWidth(340);

        setTop(toolbar);
        setCenter(center);
        setRight(side);
        BorderPane.setMargin(center, new Insets(10, 10, 0, 0));
        setPadding(new Insets(12));

        model.trail().revisionProperty().addListener((o, a, b) -> refresh());
        model.layerProperty().addListener((o, a, b) -> refresh());
        model.quantityProperty().addListener((o, a, b) -> refresh());
        model.selectedUnitProperty().addListener((o, a, b) -> refresh());
        model.tintSourceProperty().addListener((o, a, b) -> {
            refresh();
            if (b == TintSource.PASSAGE) {
                tinted.scrollTo(model.passageStartProperty().get());
            }
        });
        model.passageStartProperty().addListener((o, a, b) -> tinted.scrollTo(b.intValue()));
        model.foundProperty().addListener((o, a, b) -> {
            showFindings(b);
            refresh();
        });
        heatmap.hoveredColumnProperty().addListener((o, a, b) -> refreshValues());
        Tooltip cell = new Tooltip();
        cell.textProperty().bind(Bindings.createStringBinding(this::hoveredCell, heatmap.hoveredUnitProperty(),
                heatmap.hoveredColumnProperty()));
        Tooltip.install(heatmap, cell);
        tinted.hoveredProperty().addListener((o, a, b) -> refreshValues());
        model.shownProperty().addListener((o, a, b) -> refresh());
        passagePlace.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "symbols %,d\u2013%,d of %,d", tinted.first() + 1, tinted.drawnEndProperty().get(), tinted.size()),
                tinted.drawnEndProperty()));
        refresh();
    }

    private static Tab tab(String title, Node content, String tooltip) {
        Tab tab = new Tab(title, content);
        tab.setTooltip(new Tooltip(tooltip));
        return tab;
    }

    /** The side panel: Find cells and its findings, then the explanations. */
    private VBox side(VBox explanations) {
        Button find = new Button("Find cells");
        find.setId("findCells");
        find.getStyleClass().add("accent");
        find.setTooltip(new Tooltip("Read the held-out text of the model's corpus and rank the units that track features"));
        find.setOnAction(e -> model.findCells(null));
        find.disableProperty().bind(model.findingProperty());
        Button file = new Button("Text file\u2026");
        file.setId("findCellsInFile");
        file.setTooltip(new Tooltip("Find cells in the held-out part of a UTF-8 text file: the one a model you trained learnt"));
        file.setOnAction(e -> {
            java.io.File chosen = FileChoosers.of("Find cells in a text", "Text files", "*.txt").showOpenDialog(getScene().getWindow());
            if (chosen != null) {
                model.findCells(chosen.toPath());
            }
        });
        file.disableProperty().bind(model.findingProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelFindCells");
        cancel.setOnAction(e -> model.cancelFind());
        ProgressBar progress = new ProgressBar();
        progress.setId("findCellsProgress");
        progress.progressProperty().bind(model.findProgressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox buttons = new HBox(8, find, file);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox working = new HBox(8, progress, cancel);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(model.findingProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label status = new Label();
        status.setId("findCellsStatus");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.textProperty().bind(model.findStatusProperty());
        findings.setId("findings");

        Label title = new Label("Find cells");
        title.getStyleClass().add("section-title");
        VBox box = new VBox(10, title, buttons, working, status, findings, explanations);
        box.setPadding(new Insets(4, 4, 4, 12));
        return box;
    }

    private VBox explanations() {
        return new VBox(12,
                explanation("What the network carries", text(unit, u ->
                        "After each " + u + " the LSTM keeps two vectors: the cell state, its memory, and the hidden state,"
                                + " what it passes on to predict the next " + u + ". Each unit is one number in them. Nobody"
                                + " tells a unit what to track: training finds whatever helps predict the text.")),
                explanation("The gates", "Three gates, each between 0 and 1 per unit, decide what happens to the memory:"
                        + " the forget gate how much of the cell state to keep, the input gate how much new information to"
                        + " write, the output gate how much of the memory to show in the hidden state."),
                explanation("Reading the heatmap", text(unit, u ->
                        "Each row is a unit, each column one " + u + " read (newest on the right); red is positive, blue"
                                + " negative, white near zero. A row that stays one colour for a stretch and flips at a quote"
                                + " mark or a line break is a unit that counts or remembers something.")),
                explanation("Find cells", "The network reads a passage it never trained on, and each unit's value is"
                        + " compared with simple features of the text, such as inside quotes or position in the line."
                        + " The correlation r runs from -1 to 1; a unit with |r| near 1 rises and falls with the feature."
                        + " Most units track mixtures of things no one has a name for: a weak r is an honest answer."),
                explanation("Why some units are interpretable", "Karpathy, Johnson and Fei-Fei (2015) found cells that"
                        + " keep track of quotes, line length and brackets in networks like this one. Such cells help the"
                        + " network predict closing marks and line breaks long after the opening one: exactly what a model"
                        + " of a few characters back cannot do."));
    }

    /** Lists Find cells' best units per feature, each a button that tints the passage by it. */
    private void showFindings(CellAnalysis.Result result) {
        findings.getChildren().clear();
        if (result == null) {
            return;
        }
        int row = 0;
        for (Map.Entry<TextFeature, List<UnitScore>> e : result.best().entrySet()) {
            Label feature = new Label(e.getKey().name());
            feature.getStyleClass().add("explanation-title");
            FlowPane units = new FlowPane(6, 6);
            if (e.getValue().isEmpty()) {
                Label none = new Label("the passage never varies in it");
                none.getStyleClass().add("hint");
                units.getChildren().add(none);
            }
            int rank = 0;
            for (UnitScore score : e.getValue()) {
                Button b = new Button(String.format(Locale.ROOT, "%d  r = %+.2f", score.unit(), score.r()));
                b.setId("foundUnit-" + row + "-" + rank++);
                b.setTooltip(new Tooltip(String.format(Locale.ROOT, "Tint the passage by unit %d, whose %s follows '%s'"
                        + " with r = %+.2f", score.unit(), result.quantity().label(), e.getKey().name(), score.r())));
                TextFeature f = e.getKey();
                b.setOnAction(ev -> model.showFoundUnit(f, score.unit()));
                units.getChildren().add(b);
            }
            findings.getChildren().add(new VBox(4, feature, units));
            row++;
        }
    }

    /** Redraws the charts and captions from the model's current choices. */
    private void refresh() {
        int layer = model.layerProperty().get();
        Quantity quantity = model.quantityProperty().get();
        int selected = model.selectedUnitProperty().get();
        List<StateTrail.Entry> trail = model.trail().entries();
        heatmap.show(trail, layer, quantity, selected);
        CellAnalysis.Result result = model.foundProperty().get();
        gates.show(result == null || result.layer() != layer ? null : result.gates(), selected);
        boolean passage = model.tintSourceProperty().get() == TintSource.PASSAGE && result != null;
        if (passage) {
            tinted.show(result.symbols(), i -> result.states()[i], selected, quantity, false);
        } else {
            List<String> symbols = trail.stream().map(StateTrail.Entry::text).toList();
            IntFunction<float[]> values = i -> trail.get(i).state().layers() > layer ? trail.get(i).state().of(quantity, layer) : null;
            tinted.show(symbols, values, selected, quantity, true);
        }
        boolean gate = quantity.low() == 0;
        legendLow.setText(gate ? "0" : "\u22121");
        legendHigh.setText("+1");
        String what = quantity.label() + ", layer " + (layer + 1);
        caption.setText(selected < 0 ? "Click a unit's row to tint the text by it"
                : "Unit " + selected + ", " + what + (passage ? ", over Find cells' passage" : ""));
        ((IntegerSpinnerValueFactory) layerSpinner.getValueFactory()).setMax(model.layers());
        ((IntegerSpinnerValueFactory) unitSpinner.getValueFactory()).setMax(Math.max(0, model.units() - 1));
        refreshValues();
    }

    /** Every unit's value at the hovered symbol (in the text or a heatmap column), else at the latest one. */
    private void refreshValues() {
        int layer = model.layerProperty().get();
        Quantity quantity = model.quantityProperty().get();
        float[] values = null;
        String where = null;
        int hoveredText = tinted.hoveredProperty().get();
        CellAnalysis.Result result = model.foundProperty().get();
        boolean passage = model.tintSourceProperty().get() == TintSource.PASSAGE && result != null;
        if (hoveredText >= 0 && passage && hoveredText < result.states().length) {
            values = result.states()[hoveredText];
            where = result.symbols().get(hoveredText);
        } else {
            List<StateTrail.Entry> shown = heatmap.entries();
            int column = heatmap.hoveredColumnProperty().get();
            List<StateTrail.Entry> trail = hoveredText >= 0 ? model.trail().entries() : shown;
            int index = hoveredText >= 0 ? hoveredText : column >= 0 ? column : trail.size() - 1;
            if (index >= 0 && index < trail.size() && trail.get(index).state().layers() > layer) {
                values = trail.get(index).state().of(quantity, layer);
                where = trail.get(index).text();
            }
        }
        unitValues.show(values, quantity, model.selectedUnitProperty().get(), values == null
                ? "Every unit's value appears here for the " + unit.get() + " under the pointer."
                : "Every unit's " + quantity.label() + " after \u201C" + printable(where) + "\u201D"
                        + (hoveredText >= 0 || heatmap.hoveredColumnProperty().get() >= 0 ? "" : " (the latest; hover to choose)"));
    }

    /** The heatmap cell under the pointer, in words: which unit, after which symbol, and its value. */
    private String hoveredCell() {
        int u = heatmap.hoveredUnitProperty().get();
        int column = heatmap.hoveredColumnProperty().get();
        List<StateTrail.Entry> shown = heatmap.entries();
        if (u < 0 || column < 0 || column >= shown.size()) {
            return "Click a row to tint the text by its unit";
        }
        float value = shown.get(column).state().of(model.quantityProperty().get(), model.layerProperty().get())[u];
        return String.format(Locale.ROOT, "Unit %d after \u201C%s\u201D: %+.3f. Click to tint the text by it.", u,
                printable(shown.get(column).text()), value);
    }

    private static String printable(String symbol) {
        return symbol.replace("\n", "\u21B5");
    }

    /** The charts the frame loop redraws. */
    public List<CanvasChart> charts() {
        return List.of(heatmap, gates, tinted, unitValues);
    }

    public StateHeatmap heatmap() {
        return heatmap;
    }

    public GateScatterChart gates() {
        return gates;
    }

    public TintedText tintedText() {
        return tinted;
    }

    public UnitValuesChart unitValues() {
        return unitValues;
    }

    /** The chart and the tinted text below it, as Export Inside view as PNG saves them. */
    public Node exportable() {
        return center;
    }

    public TabPane chartTabs() {
        return charts;
    }
}
