package textgen.gui;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import textgen.lm.GeneratedChar;

/**
 * Generated text, each character tinted by how likely it was when it was drawn: dark for
 * expected, red for surprising. Clicking a character selects it; hovering previews it; either
 * way the chart can show the distribution it was drawn from.
 */
public final class GeneratedTextView extends ScrollPane {

    /** Oldest characters are dropped beyond this, so a long run keeps the view light. */
    static final int MAX_CHARACTERS = 6000;

    private static final Color EXPECTED = Color.web("#1f2328");
    private static final Color SURPRISING = Color.web("#d1242f");
    private static final Color SEED = Color.web("#6e7781");

    private final TextFlow flow = new TextFlow();
    private final ReadOnlyObjectWrapper<GeneratedChar> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private final ObjectProperty<GeneratedChar> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Font> font = new SimpleObjectProperty<>(this, "font", Font.font("Monospaced", 20));
    private int characters;

    public GeneratedTextView() {
        getStyleClass().add("generated-text");
        setId("generatedText");
        flow.getStyleClass().add("generated-flow");
        flow.setLineSpacing(4);
        setContent(flow);
        setFitToWidth(true);
        setFocusTraversable(true);
    }

    /** Clears the view and shows {@code seed} in grey as the start of the text. */
    public void start(String seed) {
        flow.getChildren().clear();
        characters = 0;
        selected.set(null);
        hovered.set(null);
        if (!seed.isEmpty()) {
            Text t = new Text(seed);
            t.setFill(SEED);
            t.fontProperty().bind(font);
            t.getStyleClass().add("seed-text");
            flow.getChildren().add(t);
        }
    }

    /** Appends a frame's worth of characters at once. */
    public void append(List<GeneratedChar> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Text[] nodes = new Text[chunk.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = node(chunk.get(i));
        }
        flow.getChildren().addAll(nodes);
        characters += nodes.length;
        if (characters > MAX_CHARACTERS) {
            int drop = characters - MAX_CHARACTERS;
            int seedNodes = !flow.getChildren().isEmpty() && flow.getChildren().get(0).getUserData() == null ? 1 : 0;
            flow.getChildren().remove(seedNodes, seedNodes + drop);
            characters -= drop;
        }
        setVvalue(1.0);
    }

    private Text node(GeneratedChar c) {
        Text t = new Text(c.text());
        t.setUserData(c);
        t.fontProperty().bind(font);
        t.setFill(tint(c.probability()));
        t.setCursor(Cursor.HAND);
        t.getStyleClass().add("generated-char");
        t.setOnMouseEntered(e -> hovered.set(c));
        t.setOnMouseExited(e -> {
            if (hovered.get() == c) {
                hovered.set(null);
            }
        });
        t.setOnMouseClicked(e -> selected.set(selected.get() == c ? null : c));
        return t;
    }

    /** Dark when the character was likely, shading to red as it gets surprising. */
    static Color tint(double probability) {
        double expectedness = Math.sqrt(Math.max(0, Math.min(1, probability)));
        return SURPRISING.interpolate(EXPECTED, expectedness);
    }

    /** The generated text, without the seed. */
    public String generatedText() {
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> {
            if (n.getUserData() instanceof GeneratedChar c) {
                sb.append(c.text());
            }
        });
        return sb.toString();
    }

    public int characterCount() {
        return characters;
    }

    public ReadOnlyObjectProperty<GeneratedChar> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    public ObjectProperty<GeneratedChar> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Font> textFontProperty() {
        return font;
    }

    TextFlow flow() {
        return flow;
    }
}
