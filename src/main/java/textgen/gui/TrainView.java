package textgen.gui;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import textgen.lm.TrainingEvent;
import textgen.text.BuiltInCorpus;

/**
 * Choose a corpus (built in, opened or dropped), set the network, train; watch the progress,
 * the loss curves and each epoch's samples improve.
 */
public final class TrainView extends BorderPane {

    private final TrainViewModel model;
    private final ChoiceBox<BuiltInCorpus> builtIns;

    TrainView(TrainViewModel model) {
        this.model = model;
        getStyleClass().add("train-view");

        ChoiceBox<BuiltInCorpus> builtIns = new ChoiceBox<>();
        builtIns.setId("corpusChoice");
        builtIns.setTooltip(new Tooltip("A corpus that comes with the app"));
        builtIns.getItems().addAll(BuiltInCorpus.values());
        builtIns.setConverter(new StringConverter<>() {
            @Override
            public String toString(BuiltInCorpus c) {
                return c == null ? "Built-in corpus…" : c.description();
            }

            @Override
            public BuiltInCorpus fromString(String s) {
                return null;
            }
        });
        builtIns.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.chooseCorpus(b.id());
            }
        });
        this.builtIns = builtIns;
        builtIns.setMaxWidth(Double.MAX_VALUE);
        Button open = new Button("Open text file…");
        open.setId("openCorpusButton");
        open.setTooltip(new Tooltip("Train on any UTF-8 text file (or drop one onto this page)"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a text file to train on");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text files", "*.txt", "*.md", "*.csv"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.chooseCorpus(file.toPath());
            }
        });
        Label info = new Label();
        info.setId("corpusInfo");
        info.setWrapText(true);
        info.textProperty().bind(model.corpusInfoProperty());
        Label dropHint = new Label("Tip: drop a .txt file anywhere on this page.");
        dropHint.getStyleClass().add("hint");

        GridPane settings = new GridPane();
        settings.setHgap(10);
        settings.setVgap(8);
        int row = 0;
        settings.addRow(row++, new Label("LSTM layers"), intSpinner("layersSpinner", 1, 4, 1, model.layersProperty(),
                "Stacked LSTM layers: more can learn more, but train slower"));
        settings.addRow(row++, new Label("Units per layer"), intSpinner("unitsSpinner", 8, 1024, 32, model.unitsProperty(),
                "The size of the network's memory; the classic is 128"));
        settings.addRow(row++, new Label("Window (chars)"), intSpinner("sequenceSpinner", 2, 400, 10, model.sequenceLengthProperty(),
                "Characters the network reads per training example; it learns to predict each next one"));
        settings.addRow(row++, new Label("Batch size"), intSpinner("batchSpinner", 1, 1024, 16, model.batchSizeProperty(),
                "Windows trained together in one step"));
        Spinner<Double> rate = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.0001, 1, model.learningRateProperty().get(), 0.001));
        rate.setId("learningRateSpinner");
        rate.setTooltip(new Tooltip("How big each learning step is (RMSprop); lower it if training diverges"));
        rate.setEditable(true);
        rate.valueProperty().addListener((o, a, b) -> model.learningRateProperty().set(b));
        // The model may change it too ("Train again at a lower rate").
        model.learningRateProperty().addListener((o, a, b) -> rate.getValueFactory().setValue(b.doubleValue()));
        Spinners.commitOnFocusLoss(rate);
        settings.addRow(row++, new Label("Learning rate"), rate);
        settings.addRow(row, new Label("Epochs"), intSpinner("epochsSpinner", 1, 1000, 1, model.epochsProperty(),
                "How many times to go through the whole corpus"));

        Button train = new Button("Train");
        train.setId("trainButton");
        train.getStyleClass().add("accent");
        train.setTooltip(new Tooltip("Train a new model on the corpus (Ctrl+T)"));
        train.setOnAction(e -> model.start());
        train.disableProperty().bind(model.trainingProperty().or(model.corpusProperty().isNull()));
        Button pause = new Button();
        pause.setId("pauseButton");
        pause.setTooltip(new Tooltip("Pause or resume training (Ctrl+P)"));
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> model.togglePause());
        pause.disableProperty().bind(model.trainingProperty().not());
        Button stop = new Button("Stop");
        stop.setId("stopTrainingButton");
        stop.setTooltip(new Tooltip("Stop after the current batch; the model so far stays usable"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.trainingProperty().not());
        HBox buttons = new HBox(8, train, pause, stop);

        ProgressBar progress = new ProgressBar();
        progress.setId("trainingProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("trainingStatus");
        progressText.setWrapText(true);
        progressText.textProperty().bind(model.progressTextProperty());

        VBox left = new VBox(10, title("Corpus"), builtIns, open, info, dropHint, title("Network"), settings,
                buttons, progress, progressText);
        left.setPadding(new Insets(0, 12, 0, 0));
        left.setMinWidth(320);
        left.setPrefWidth(360);

        ListView<TrainViewModel.EpochSamplesItem> samples = new ListView<>(model.samples());
        samples.setId("epochSamples");
        samples.setCellFactory(list -> new EpochSamplesCell());
        samples.setPlaceholder(new Label("After each epoch, samples at T = 0.2, 0.5, 1.0 and 1.2 appear here."));
        VBox right = new VBox(8, title("Loss"), model.lossChart(), title("Samples after each epoch"), samples);
        VBox.setVgrow(samples, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        setCenter(split);
        setPadding(new Insets(12));

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                model.chooseCorpus(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Offers the classic corpus the first time the page is shown, unless one was chosen already. */
    void preselectDefaultCorpus() {
        if (model.corpusProperty().get() == null && builtIns.getValue() == null) {
            builtIns.setValue(BuiltInCorpus.DICKENS);
        }
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, int step, javafx.beans.property.IntegerProperty value,
                                               String tooltip) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get(), step);
        spinner.setId(id);
        spinner.setTooltip(new Tooltip(tooltip));
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        spinner.valueProperty().addListener((o, a, b) -> value.set(b));
        Spinners.commitOnFocusLoss(spinner);
        return spinner;
    }

    /** One epoch: its number and validation loss, then a wrapped line per temperature. */
    private static final class EpochSamplesCell extends ListCell<TrainViewModel.EpochSamplesItem> {
        @Override
        protected void updateItem(TrainViewModel.EpochSamplesItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Label heading = new Label(String.format(Locale.ROOT, "Epoch %d · validation loss %.3f nats/char",
                    item.epoch(), item.validationLossNats()));
            heading.getStyleClass().add("sample-heading");
            VBox lines = new VBox(2, heading);
            for (TrainingEvent.Sample s : item.samples().samples()) {
                Label line = new Label(String.format(Locale.ROOT, "T=%.1f  %s", s.temperature(), s.text().replace('\n', '↵')));
                line.setWrapText(true);
                line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // grow to the wrapped lines
                line.getStyleClass().add("sample-line");
                lines.getChildren().add(line);
            }
            lines.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            lines.prefWidthProperty().bind(lines.maxWidthProperty());
            setGraphic(lines);
        }
    }
}
