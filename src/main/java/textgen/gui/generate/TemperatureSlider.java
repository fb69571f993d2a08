package textgen.gui.generate;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import textgen.sampling.TemperatureScale;

/**
 * The softmax temperature on the {@link TemperatureScale}: logarithmic from 0.05 to 2.5. The
 * value is shown and typeable; the classic temperatures are one click away. Arrow keys move it.
 */
public final class TemperatureSlider extends VBox {

    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1.0);
    private final Slider slider = new Slider(0, 1, TemperatureScale.position(1.0));
    private final TextField field = new TextField();
    private boolean updating;

    public TemperatureSlider() {
        this("");
    }

    /** {@code idPrefix} keeps the ids of the controls inside unique when a window has two sliders. */
    public TemperatureSlider(String idPrefix) {
        getStyleClass().add("temperature-slider");
        slider.setId(idPrefix + "temperatureSlider");
        slider.setBlockIncrement(0.02);
        slider.setFocusTraversable(true);
        slider.setAccessibleText("Temperature");
        slider.setTooltip(new Tooltip("Drag, or use the arrow keys: left is more predictable, right more surprising."));
        HBox.setHgrow(slider, Priority.ALWAYS);

        field.setId(idPrefix + "temperatureField");
        field.setPrefColumnCount(5);
        field.setTooltip(new Tooltip("Type a temperature between " + TemperatureScale.MIN + " and " + TemperatureScale.MAX + " and press Enter."));
        field.setOnAction(e -> commitField());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commitField();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                showValue();
            }
        });

        Label title = new Label("Temperature");
        title.getStyleClass().add("section-title");
        title.setLabelFor(slider);
        HBox row = new HBox(10, title, slider, field);
        row.setAlignment(Pos.CENTER_LEFT);

        HBox marks = new HBox(6);
        marks.setAlignment(Pos.CENTER_RIGHT);
        marks.getChildren().add(new Label("Presets:"));
        for (double t : TemperatureScale.PRESETS) {
            Button b = new Button(TemperatureScale.format(t));
            b.getStyleClass().add("preset");
            b.setId(idPrefix + "preset-" + TemperatureScale.format(t).replace('.', '_'));
            b.setTooltip(new Tooltip("Set the temperature to " + TemperatureScale.format(t)));
            b.setOnAction(e -> setTemperature(t));
            marks.getChildren().add(b);
        }
        setSpacing(6);
        setPadding(new Insets(4, 0, 4, 0));
        getChildren().addAll(row, marks);

        slider.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                updating = true;
                temperature.set(round(TemperatureScale.atPosition(b.doubleValue())));
                updating = false;
            }
        });
        temperature.addListener((o, a, b) -> {
            if (!updating) {
                updating = true;
                slider.setValue(TemperatureScale.position(b.doubleValue()));
                updating = false;
            }
            showValue();
        });
        showValue();
    }

    private static double round(double t) {
        return Math.round(t * 1000) / 1000.0;
    }

    private void showValue() {
        field.setText(TemperatureScale.format(temperature.get()));
        field.getStyleClass().remove("invalid");
    }

    private void commitField() {
        try {
            double t = Double.parseDouble(field.getText().strip().replace(',', '.'));
            if (!TemperatureScale.contains(t)) {
                throw new NumberFormatException();
            }
            setTemperature(t);
            showValue();
        } catch (NumberFormatException e) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            field.setTooltip(new Tooltip("Not a temperature between " + TemperatureScale.MIN + " and " + TemperatureScale.MAX + "; Escape restores the value."));
        }
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public double getTemperature() {
        return temperature.get();
    }

    public void setTemperature(double t) {
        temperature.set(TemperatureScale.clamp(t));
    }

    public Slider slider() {
        return slider;
    }
}
