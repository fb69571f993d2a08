package textgen.gui.generate;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.util.converter.DoubleStringConverter;

/** The same seed at four temperatures, side by side, streamed as one batch. */
public final class CompareView extends BorderPane {

    private final GridPane columns;

    public CompareView(CompareViewModel model, GenerateViewModel generate) {
        getStyleClass().add("compare-view");
        Label seedLabel = new Label();
        seedLabel.getStyleClass().add("hint");
        seedLabel.textProperty().bind(generate.seedProperty().map(s -> "Seed: " + s + "   (change it on the Generate tab)"));
        Button start = new Button("Compare");
        start.setId("compareButton");
        start.getStyleClass().add("accent");
        start.setTooltip(new Tooltip("Generate the seed at every temperature at once (Ctrl+K)"));
        start.setOnAction(e -> model.start(generate.seedProperty().get(), generate.lengthProperty().get(),
                generate.symbolsPerSecondProperty().get()));
        start.disableProperty().bind(generate.modelReadyProperty().not().or(model.runningProperty()));
        Button stop = new Button("Stop");
        stop.setId("compareStopButton");
        stop.setTooltip(new Tooltip("Stop the comparison (Escape)"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        HBox top = new HBox(10, start, stop, seedLabel);
        top.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        for (int c = 0; c < model.columns(); c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / model.columns());
            grid.getColumnConstraints().add(column);

            TextField t = new TextField();
            t.setId("compareTemperature" + c);
            t.setPrefColumnCount(5);
            TextFormatter<Double> formatter = new TextFormatter<>(new DoubleStringConverter(), model.temperatureProperty(c).get(),
                    change -> change.getControlNewText().matches("[0-9]*[.,]?[0-9]*") ? change : null);
            t.setTextFormatter(formatter);
            int column_ = c;
            formatter.valueProperty().addListener((o, a, b) -> {
                if (b != null && b >= 0 && b <= 10) {
                    model.temperatureProperty(column_).set(b);
                }
            });
            t.setTooltip(new Tooltip("Temperature of this column"));
            HBox header = new HBox(6, new Label("T ="), t);
            header.setAlignment(Pos.CENTER_LEFT);
            grid.add(header, c, 0);

            TextArea text = new TextArea();
            text.setId("compareText" + c);
            text.setEditable(false);
            text.setWrapText(true);
            text.getStyleClass().add("compare-text");
            // Appending (rather than binding the text) keeps the view scrolled to the newest text.
            model.textProperty(c).addListener((o, a, b) -> {
                if (a != null && b.startsWith(a) && text.getLength() == a.length()) {
                    text.appendText(b.substring(a.length()));
                } else {
                    text.setText(b);
                }
            });
            grid.add(text, c, 1);
        }
        grid.getRowConstraints().addAll(new RowConstraints(), rowThatGrows());
        this.columns = grid;
        setTop(top);
        setCenter(grid);
        BorderPane.setMargin(grid, new Insets(10, 0, 0, 0));
        setPadding(new Insets(12));
    }

    /** The temperature columns, for exporting as an image. */
    public GridPane columns() {
        return columns;
    }

    private static RowConstraints rowThatGrows() {
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        return row;
    }
}
