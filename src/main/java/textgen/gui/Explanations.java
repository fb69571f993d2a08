package textgen.gui;

import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The short explanations beside the Step by step and Inside charts: a bold heading over a
 * wrapped paragraph, in one voice. Texts can follow the loaded model's unit ("character" or
 * "word") so every sentence names what the model really draws.
 */
public final class Explanations {

    private Explanations() {
    }

    /** A heading and its paragraph. */
    public static VBox explanation(String heading, StringExpression body) {
        Label h = new Label(heading);
        h.getStyleClass().add("explanation-title");
        Label b = new Label();
        b.textProperty().bind(body);
        b.setWrapText(true);
        b.getStyleClass().add("explanation-text");
        return new VBox(4, h, b);
    }

    public static VBox explanation(String heading, String body) {
        return explanation(heading, fixed(body));
    }

    /** A text that follows the unit ("character" or "word"). */
    public static StringExpression text(ReadOnlyStringProperty unit, UnaryOperator<String> forUnit) {
        return Bindings.createStringBinding(() -> forUnit.apply(unit.get()), unit);
    }

    public static StringExpression fixed(String body) {
        return new SimpleStringProperty(body);
    }

    /** A tooltip whose text follows the unit. */
    public static Tooltip tooltip(ReadOnlyStringProperty unit, UnaryOperator<String> forUnit) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text(unit, forUnit));
        return tip;
    }
}
