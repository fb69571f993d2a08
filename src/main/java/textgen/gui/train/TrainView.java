package textgen.gui.train;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import textgen.gui.FileChoosers;
import textgen.gui.Spinners;
import textgen.gui.charts.LossChart;
import textgen.lm.Recipe;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingEvent;
import textgen.text.BuiltInCorpus;
import textgen.text.WordVectorReader;

/**
 * Choose a corpus (built in, opened or dropped), set the network, train; watch the progress,
 * the loss curves and each epoch's samples improve.
 */
public final class TrainView extends BorderPane {

    private final TrainViewModel model;
    private final ChoiceBox<BuiltInCorpus> builtIns;
    private final LossChart lossChart;

    public TrainView(TrainViewModel model) {
        this.model = model;
        this.lossChart = new LossChart(model.losses());
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
            File file = FileChoosers.of("Open a text file to train on", "Text files", "*.txt", "*.md", "*.csv")
                    .showOpenDialog(getScene().getWindow());
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

        ComboBox<Recipe> recipes = new ComboBox<>();
        recipes.setId("recipeChoice");
        recipes.getItems().addAll(Recipe.values());
        recipes.setPromptText("Custom settings");
        recipes.setMaxWidth(Double.MAX_VALUE);
        recipes.setPrefWidth(200);
        recipes.setTooltip(new Tooltip("Start from a known recipe: this app's fast default, or the book's, to compare them"));
        recipes.setConverter(new StringConverter<>() {
            @Override
            public String toString(Recipe r) {
                return r == null ? "" : r.description();
            }

            @Override
            public Recipe fromString(String s) {
                return null;
            }
        });
        // Shows the recipe the settings match; choosing one sets them.
        recipes.setValue(model.recipeProperty().get());
        model.recipeProperty().addListener((o, a, b) -> recipes.setValue(b));
        recipes.setOnAction(e -> {
            if (recipes.getValue() != null) {
                model.applyRecipe(recipes.getValue());
            }
        });
        recipes.disableProperty().bind(model.trainingProperty());

        GridPane settings = new GridPane();
        settings.setHgap(10);
        settings.setVgap(8);
        int row = 0;
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // the labels keep their words; the controls take what is left
        settings.getColumnConstraints().add(labels);
        settings.add(new Label("Recipe"), 0, row);
        settings.add(recipes, 1, row++);
        GridPane.setHgrow(recipes, Priority.ALWAYS);
        settings.addRow(row++, new Label("LSTM layers"), intSpinner("layersSpinner", 1, 4, 1, model.layersProperty(),
                "Stacked LSTM layers: more can learn more, but train slower"));
        settings.addRow(row++, new Label("Units per layer"), intSpinner("unitsSpinner", 8, 1024, 32, model.unitsProperty(),
                "The size of the network's memory; the classic is 128"));
        Label window = new Label();
        window.textProperty().bind(Bindings.when(model.wordLevelProperty()).then("Window (words)").otherwise("Window (chars)"));
        settings.addRow(row++, window, intSpinner("sequenceSpinner", 2, 400, 10, model.sequenceLengthProperty(),
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

        VBox left = new VBox(10, title("Corpus"), builtIns, open, info, dropHint, title("Level"), levelPane(),
                title("Network"), settings, buttons, progress, progressText);
        left.setPadding(new Insets(0, 12, 0, 0));
        left.setMinWidth(320);
        left.setPrefWidth(360);

        ListView<TrainViewModel.EpochSamplesItem> samples = new ListView<>(model.samples());
        samples.setId("epochSamples");
        samples.setCellFactory(list -> new EpochSamplesCell());
        samples.setPlaceholder(wrapped("After each epoch, samples at T = 0.2, 0.5, 1.0 and 1.2 appear here."));
        ListView<TrainingEvent.LiveSample> live = new ListView<>(model.liveSamples());
        live.setId("liveSamples");
        live.setCellFactory(list -> new LiveSampleCell());
        live.setPlaceholder(wrapped("While training runs, a line from the network as it is then appears here every few"
                + " seconds: the same seed and the same dice each time, so only what it has learnt changes."));
        live.setTooltip(new Tooltip("Generated at T = " + Trainer.LIVE_SAMPLE_TEMPERATURE
                + " from the seed in grey; the newest is on top"));
        VBox livePane = new VBox(8, title("As it learns (T = 0.5, newest on top)"), live);
        VBox epochPane = new VBox(8, title("Samples after each epoch"), samples);
        VBox.setVgrow(live, Priority.ALWAYS);
        VBox.setVgrow(samples, Priority.ALWAYS);
        SplitPane sampleLists = new SplitPane(livePane, epochPane);
        sampleLists.setOrientation(Orientation.VERTICAL);
        sampleLists.setDividerPositions(0.5);
        sampleLists.getStyleClass().add("sample-lists");
        VBox right = new VBox(8, title("Loss"), lossChart, sampleLists);
        VBox.setVgrow(sampleLists, Priority.ALWAYS);
        // The settings outgrow a small window once word level adds its own: let them scroll.
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.getStyleClass().add("edge-to-edge");
        leftScroll.setMinWidth(340);
        SplitPane split = new SplitPane(leftScroll, right);
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

    /**
     * Characters or words. Words start from pretrained vectors: the built-in Tang character
     * vectors or a word2vec text file (read with progress, cancellable), with a cap on the
     * vocabulary and a choice between frozen and fine-tuned vectors.
     */
    private VBox levelPane() {
        RadioButton characters = new RadioButton("Characters");
        characters.setId("charLevel");
        RadioButton words = new RadioButton("Words, from word vectors");
        words.setId("wordLevel");
        words.setTooltip(new Tooltip("Predict whole words; the network's input layer starts from pretrained word vectors"));
        ToggleGroup group = new ToggleGroup();
        characters.setToggleGroup(group);
        words.setToggleGroup(group);
        characters.setSelected(true);
        words.selectedProperty().bindBidirectional(model.wordLevelProperty());
        HBox levels = new HBox(12, characters, words);

        WordVectorsViewModel vectors = model.vectors();
        Button builtIn = new Button("Built-in: Tang");
        builtIn.setId("builtInVectorsButton");
        builtIn.setTooltip(new Tooltip("Character vectors of the Tang poems, trained with Word2Vec for this app"));
        builtIn.setOnAction(e -> model.loadVectors(WordVectorReader.BUILT_IN_TANG));
        Button openVectors = new Button("Open file…");
        openVectors.setId("openVectorsButton");
        openVectors.setTooltip(new Tooltip("Word vectors in the word2vec text format, such as sgns.*.txt from Chinese-Word-Vectors"));
        openVectors.setOnAction(e -> {
            File file = FileChoosers.of("Open word vectors (word2vec text format)", "Word vectors",
                    "*.txt", "*.vec", "*.char", "*.bigram-char", "*.word").showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.loadVectors(file.getAbsolutePath());
            }
        });
        Label vectorsInfo = new Label();
        vectorsInfo.setId("vectorsInfo");
        vectorsInfo.setWrapText(true);
        vectorsInfo.setMinHeight(Region.USE_PREF_SIZE); // grow to the wrapped lines
        vectorsInfo.textProperty().bind(vectors.infoProperty());
        ProgressBar reading = new ProgressBar();
        reading.setId("vectorsProgress");
        reading.setMaxWidth(Double.MAX_VALUE);
        reading.progressProperty().bind(vectors.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelVectorsButton");
        cancel.setOnAction(e -> vectors.cancel());
        HBox readingRow = new HBox(8, reading, cancel);
        HBox.setHgrow(reading, Priority.ALWAYS);
        readingRow.visibleProperty().bind(vectors.readingProperty());
        readingRow.managedProperty().bind(readingRow.visibleProperty());

        CheckBox frozen = new CheckBox("Keep the vectors as loaded (frozen)");
        frozen.setId("freezeVectors");
        frozen.setTooltip(new Tooltip("Unticked, training fine-tunes the vectors along with the rest of the network"));
        frozen.selectedProperty().bindBidirectional(model.freezeVectorsProperty());
        GridPane cap = new GridPane();
        cap.setHgap(10);
        cap.addRow(0, new Label("Vocabulary (words)"), intSpinner("maxWordsSpinner", 100, 100_000, 1000, model.maxWordsProperty(),
                "The most frequent words the network predicts; rarer ones become <unk>. The softmax over them is the largest layer"));
        Label vectorsLabel = new Label("Vectors");
        HBox sources = new HBox(8, vectorsLabel, builtIn, openVectors);
        sources.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox wordPane = new VBox(6, sources, vectorsInfo, readingRow, cap, frozen);
        wordPane.visibleProperty().bind(model.wordLevelProperty());
        wordPane.managedProperty().bind(wordPane.visibleProperty());
        wordPane.disableProperty().bind(model.trainingProperty());
        levels.disableProperty().bind(model.trainingProperty());
        return new VBox(8, levels, wordPane);
    }

    /** Offers the classic corpus the first time the page is shown, unless one was chosen already. */
    /** The loss chart, which follows training only while the tab is shown. */
    public LossChart lossChart() {
        return lossChart;
    }

    public void preselectDefaultCorpus() {
        if (model.corpusProperty().get() == null && builtIns.getValue() == null) {
            builtIns.setValue(BuiltInCorpus.DICKENS);
        }
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setPadding(new Insets(12));
        return label;
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
        value.addListener((o, a, b) -> spinner.getValueFactory().setValue(b.intValue())); // a recipe may set it
        Spinners.commitOnFocusLoss(spinner);
        return spinner;
    }

    /** One live sample: how far training was and its loss, then the seed (grey) and what the network wrote. */
    private static final class LiveSampleCell extends ListCell<TrainingEvent.LiveSample> {
        @Override
        protected void updateItem(TrainingEvent.LiveSample item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Text when = new Text(String.format(Locale.ROOT, "%5.2f epochs · loss %.2f   ", item.epochs(), item.lossNats()));
            when.getStyleClass().add("live-when");
            Text seed = new Text(item.seed().replace('\n', '↵'));
            seed.getStyleClass().add("live-seed");
            Text text = new Text(item.text().replace('\n', '↵'));
            text.getStyleClass().add("live-text");
            TextFlow line = new TextFlow(when, seed, text);
            line.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            line.prefWidthProperty().bind(line.maxWidthProperty());
            setGraphic(line);
        }
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
            Label heading = new Label(String.format(Locale.ROOT, "Epoch %d · validation loss %.3f nats per %s",
                    item.epoch(), item.validationLossNats(), item.unit()));
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
