package textgen.gui;

import java.io.File;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Font;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import textgen.gui.charts.CanvasChart;
import textgen.gui.engine.BuiltInModel;
import textgen.gui.generate.CompareView;
import textgen.gui.generate.GenerateView;
import textgen.gui.generate.GenerateViewModel;
import textgen.gui.inside.InsideView;
import textgen.gui.step.TeachView;
import textgen.gui.train.TrainView;
import textgen.lm.io.ModelFile;

/** The window's layout: menus, the Generate / Compare / Step by step / Inside / Train tabs, notifications and a status bar. */
public final class MainWindow extends BorderPane {

    private final AppViewModel app;
    private final GenerateView generateView;
    private final CompareView compareView;
    private final TrainView trainView;
    private final TeachView teachView;
    private final InsideView insideView;
    private final TabPane tabs = new TabPane();
    private final MessageBanner messages = new MessageBanner();
    private final FrameLoop frameLoop;

    public MainWindow(AppViewModel app) {
        this.app = app;
        getStyleClass().add("main-window");
        generateView = new GenerateView(app.generate());
        compareView = new CompareView(app.compare(), app.generate());
        trainView = new TrainView(app.train());
        teachView = new TeachView(app.step(), app.generate());
        insideView = new InsideView(app.inside(), app.generate());

        Tab generate = new Tab("Generate", generateView);
        generate.setId("generateTab");
        Tab compare = new Tab("Compare", compareView);
        compare.setId("compareTab");
        Tab train = new Tab("Train", trainView);
        train.setId("trainTab");
        train.setOnSelectionChanged(e -> {
            if (train.isSelected()) {
                trainView.preselectDefaultCorpus();
            }
        });
        Tab teach = new Tab("Step by step", teachView);
        teach.setId("teachTab");
        Tab inside = new Tab("Inside", insideView);
        inside.setId("insideTab");
        // States are recorded only while someone looks at them.
        inside.selectedProperty().addListener((o, a, b) -> app.inside().shownProperty().set(b));
        // What streams into a hidden tab waits there: a hidden node is still laid out as it changes.
        generate.selectedProperty().addListener((o, a, b) -> generateView.textView().setShown(b));
        train.selectedProperty().addListener((o, a, b) -> trainView.lossChart().setShown(b));
        tabs.getTabs().addAll(generate, compare, teach, inside, train);
        generateView.textView().setShown(generate.isSelected());
        trainView.lossChart().setShown(train.isSelected());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        app.problemProperty().addListener((o, a, problem) -> {
            if (problem != null) {
                messages.show(problem.title(), problem.message(), problem.actionLabel(), problem.action());
                app.problemProperty().set(null);
            }
        });

        StatusBar status = new StatusBar();
        status.setId("statusBar");
        status.textProperty().bind(app.statusProperty());
        status.progressProperty().bind(javafx.beans.binding.Bindings.when(app.busyProperty()).then(-1.0).otherwise(0.0));

        setTop(new javafx.scene.layout.VBox(menus(), messages));
        setCenter(tabs);
        setBottom(status);

        java.util.List<CanvasChart> charts = new java.util.ArrayList<>(generateView.charts());
        charts.add(teachView.stepChart());
        charts.add(teachView.strategiesChart());
        charts.addAll(insideView.charts());
        frameLoop = new FrameLoop(app, charts);
        frameLoop.start();
    }

    private MenuBar menus() {
        MenuItem open = item("Open model…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openModel);
        MenuItem save = item("Save model as…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveModel);
        MenuItem english = item("Open built-in English model", null, () -> app.loadBuiltIn(BuiltInModel.ENGLISH));
        english.setId("englishModelItem");
        MenuItem chinese = item("Open built-in Chinese model (Tang poems)", null, () -> app.loadBuiltIn(BuiltInModel.CHINESE));
        chinese.setId("chineseModelItem");
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(getScene().getWindow(),
                        javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        MenuItem exportText = item("Export generated text…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> chooseAndExport("Export the generated text", "generated.txt", "Text files", "*.txt", this::exportText));
        MenuItem exportChart = item("Export chart as PNG…", null,
                () -> chooseAndExport("Export the chart", "chart.png", "PNG images", "*.png", this::exportChartPng));
        MenuItem exportComparison = item("Export comparison as PNG…", null,
                () -> chooseAndExport("Export the comparison", "comparison.png", "PNG images", "*.png", this::exportComparisonPng));
        MenuItem exportInside = item("Export Inside view as PNG…", null,
                () -> chooseAndExport("Export the Inside view", "inside.png", "PNG images", "*.png", this::exportInsidePng));
        Menu file = new Menu("_File", null, open, save, new SeparatorMenuItem(), english, chinese, new SeparatorMenuItem(),
                exportText, exportChart, exportComparison, exportInside, new SeparatorMenuItem(), quit);

        MenuItem generate = item("Generate", new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("generateTab");
            app.generate().generate();
        });
        MenuItem stop = item("Stop", new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            app.generate().stop();
            app.compare().stop();
        });
        MenuItem compare = item("Compare temperatures", new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("compareTab");
            if (app.generate().modelReadyProperty().get()) {
                app.compare().start(app.generate().seedProperty().get(), app.generate().lengthProperty().get(),
                        app.generate().symbolsPerSecondProperty().get());
            }
        });
        Menu generateMenu = new Menu("_Generate", null, generate, stop, compare);

        MenuItem train = item("Train", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("trainTab");
            if (!app.train().trainingProperty().get()) {
                app.train().start();
            }
        });
        MenuItem pause = item("Pause or resume training", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), () -> {
            if (app.train().trainingProperty().get()) {
                app.train().togglePause();
            }
        });
        MenuItem stopTraining = item("Stop training", null, () -> app.train().stop());
        Menu trainMenu = new Menu("_Train", null, train, pause, stopTraining);

        MenuItem stepNext = item("Next character", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("teachTab");
            app.step().next();
        });
        MenuItem stepBack = item("Back one step", new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("teachTab");
            app.step().back();
        });
        MenuItem stepRun = item("Run or pause steps", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> {
            showTab("teachTab");
            app.step().toggleRun();
        });
        Menu stepMenu = new Menu("_Step", null, stepNext, stepBack, stepRun);

        MenuItem bigger = item("Larger text", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), () -> zoomText(1.15));
        MenuItem smaller = item("Smaller text", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> zoomText(1 / 1.15));
        Menu view = new Menu("_View", null, bigger, smaller, new SeparatorMenuItem());
        String[][] tabKeys = {{"generateTab", "Generate"}, {"compareTab", "Compare"}, {"teachTab", "Step by step"},
                {"insideTab", "Inside"}, {"trainTab", "Train"}};
        for (int i = 0; i < tabKeys.length; i++) {
            String id = tabKeys[i][0];
            view.getItems().add(item(tabKeys[i][1] + " tab",
                    new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)), KeyCombination.SHORTCUT_DOWN), () -> showTab(id)));
        }
        return new MenuBar(file, generateMenu, stepMenu, trainMenu, view);
    }

    private void showTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(tabs.getSelectionModel()::select);
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void zoomText(double factor) {
        var font = generateView.textView().textFontProperty();
        double size = Math.max(10, Math.min(64, font.get().getSize() * factor));
        font.set(Font.font(font.get().getFamily(), size));
    }

    private void openModel() {
        FileChooser chooser = modelChooser("Open a model");
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            app.openModel(file.toPath());
        }
    }

    private void saveModel() {
        FileChooser chooser = modelChooser("Save the model");
        chooser.setInitialFileName("model" + ModelFile.EXTENSION);
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            app.saveModel(file.toPath());
        }
    }

    /** What an export does with the chosen file. */
    private interface Export {
        void to(java.nio.file.Path file) throws java.io.IOException;
    }

    private void chooseAndExport(String title, String initialName, String filterName, String pattern, Export export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName, pattern));
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        try {
            export.to(file.toPath());
            app.showStatus("Saved " + file + ".");
        } catch (java.io.IOException | RuntimeException e) {
            app.showError("Not exported", "Writing " + file + " failed (" + e.getMessage() + "). Any earlier file there is unchanged.");
        }
    }

    /** Writes the seed and the generated text, with the model and temperature, to a text file. */
    void exportText(java.nio.file.Path file) throws java.io.IOException {
        GenerateViewModel g = app.generate();
        Exports.writeText(file, app.modelNameProperty().get(), app.corpusNameProperty().get(), g.seedProperty().get(),
                g.temperatureProperty().get(), generateView.textView().generatedText());
    }

    /** Writes the chart now shown beside the text (distribution, sweep or small multiples) as a PNG. */
    void exportChartPng(java.nio.file.Path file) throws java.io.IOException {
        Exports.writePng(file, generateView.visibleChart());
    }

    /** Writes the four comparison columns as a PNG. */
    void exportComparisonPng(java.nio.file.Path file) throws java.io.IOException {
        Exports.writePng(file, compareView.columns());
    }

    /** Writes the Inside view's chart and the tinted text below it as a PNG. */
    void exportInsidePng(java.nio.file.Path file) throws java.io.IOException {
        Exports.writePng(file, insideView.exportable());
    }

    private static FileChooser modelChooser(String title) {
        return FileChoosers.of(title, "TextGen models", "*" + ModelFile.EXTENSION);
    }

    private Window window() {
        return getScene().getWindow();
    }

    /** Whether it is fine to close now; asks first if training is running. */
    boolean confirmClose() {
        if (!app.engine().training().isTraining()) {
            return true;
        }
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Training is still running. Stop it and quit? The checkpoint of the last finished epoch is kept.",
                ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle("Quit while training?");
        ask.setHeaderText("Stop training and quit?");
        ask.initOwner(window());
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** Stops the frame loop and the engine; returns whether both worker threads ended within two seconds. */
    boolean shutdown() {
        frameLoop.stop();
        app.step().stop();
        app.train().shutdown();
        app.saveSettings();
        return app.engine().shutdown(2000);
    }

    AppViewModel app() {
        return app;
    }

    public GenerateView generateView() {
        return generateView;
    }

    public TrainView trainView() {
        return trainView;
    }

    public CompareView compareView() {
        return compareView;
    }

    TeachView teachView() {
        return teachView;
    }

    public InsideView insideView() {
        return insideView;
    }

    public TabPane tabs() {
        return tabs;
    }

    MessageBanner messages() {
        return messages;
    }
}
