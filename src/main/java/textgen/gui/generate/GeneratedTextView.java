package textgen.gui.generate;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import textgen.lm.GeneratedSymbol;

/**
 * Generated text, each symbol (a character, or a word) tinted by how likely it was when it was
 * drawn: dark for expected, red for surprising. Clicking a symbol selects it; hovering previews
 * it; either way the chart can show the distribution it was drawn from.
 */
public final class GeneratedTextView extends ScrollPane {

    /** Oldest symbols are dropped beyond this, so a long run keeps the view light. */
    static final int MAX_SYMBOLS = 6000;

    /**
     * The text is split into blocks of a few hundred symbols, each its own {@link TextFlow},
     * so appending re-lays out only the last block. One flow for everything made every frame
     * cost time in proportion to all the text so far (measured: frames over 50 ms after ~3,000
     * characters). A block ends at a line break, or at a space once it is long.
     */
    static final int BLOCK_AT_NEWLINE = 120;
    static final int BLOCK_AT_SPACE = 400;

    private static final Color EXPECTED = Color.web("#1f2328");
    private static final Color SURPRISING = Color.web("#d1242f");
    private static final Color SEED = Color.web("#6e7781");

    private final VBox blocks = new VBox();
    private TextFlow tail;
    private int tailSymbols;
    private final ReadOnlyObjectWrapper<GeneratedSymbol> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private final ObjectProperty<GeneratedSymbol> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Font> font = new SimpleObjectProperty<>(this, "font", Font.font("Monospaced", 20));
    private int symbols;
    private boolean shown = true;
    /** Symbols that arrived while the view was hidden, laid out when it is shown again. */
    private final List<GeneratedSymbol> backlog = new ArrayList<>();

    public GeneratedTextView() {
        getStyleClass().add("generated-text");
        setId("generatedText");
        blocks.getStyleClass().add("generated-flow");
        blocks.setSpacing(4); // the same as the line spacing inside a block
        setContent(blocks);
        setFitToWidth(true);
        setFocusTraversable(true);
        newBlock();
    }

    private void newBlock() {
        tail = new TextFlow();
        tail.setLineSpacing(4);
        tailSymbols = 0;
        blocks.getChildren().add(tail);
    }

    /** Clears the view and shows {@code seed} in grey as the start of the text. */
    public void start(String seed) {
        blocks.getChildren().clear();
        backlog.clear();
        newBlock();
        symbols = 0;
        selected.set(null);
        hovered.set(null);
        if (!seed.isEmpty()) {
            Text t = new Text(seed);
            t.setFill(SEED);
            t.fontProperty().bind(font);
            t.getStyleClass().add("seed-text");
            tail.getChildren().add(t);
        }
    }

    /**
     * Whether the view is on screen (its tab selected). Hidden, it keeps what arrives and lays it
     * out when shown again: a hidden text still cost a layout pass of its blocks every frame,
     * which made the Inside tab drop frames while generation streamed behind it.
     */
    public void setShown(boolean isShown) {
        shown = isShown;
        if (shown && !backlog.isEmpty()) {
            List<GeneratedSymbol> waiting = new ArrayList<>(backlog);
            backlog.clear();
            append(waiting);
        }
    }

    /** Appends a frame's worth of symbols at once. */
    public void append(List<GeneratedSymbol> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!shown) {
            backlog.addAll(chunk);
            if (backlog.size() > MAX_SYMBOLS) { // older ones would be dropped when shown anyway
                backlog.subList(0, backlog.size() - MAX_SYMBOLS).clear();
            }
            return;
        }
        List<Text> pending = new ArrayList<>();
        for (GeneratedSymbol c : chunk) {
            Text node = node(c);
            tailSymbols++;
            if (c.isLineBreak() && tailSymbols >= BLOCK_AT_NEWLINE || c.symbol().equals(" ") && tailSymbols >= BLOCK_AT_SPACE) {
                // The block boundary is the line break or the space; shown as well it would leave an empty line or an indent.
                node.setText("");
                pending.add(node);
                endBlock(pending);
            } else if (c.separator().equals(" ") && tailSymbols >= BLOCK_AT_SPACE) {
                // A word after a space: the boundary takes the space's place, and the word starts the next block.
                endBlock(pending);
                node.setText(c.symbol());
                pending.add(node);
                tailSymbols = 1;
            } else {
                pending.add(node);
            }
        }
        tail.getChildren().addAll(pending);
        symbols += chunk.size();
        while (symbols > MAX_SYMBOLS && blocks.getChildren().size() > 1) {
            TextFlow oldest = (TextFlow) blocks.getChildren().remove(0);
            symbols -= (int) oldest.getChildren().stream().filter(n -> n.getUserData() != null).count();
        }
        setVvalue(1.0);
    }

    private void endBlock(List<Text> pending) {
        tail.getChildren().addAll(pending);
        pending.clear();
        newBlock();
    }

    private Text node(GeneratedSymbol c) {
        Text t = new Text(c.text());
        t.setUserData(c);
        t.fontProperty().bind(font);
        t.setFill(tint(c.probability()));
        t.setCursor(Cursor.HAND);
        t.getStyleClass().add("generated-symbol");
        t.setOnMouseEntered(e -> hovered.set(c));
        t.setOnMouseExited(e -> {
            if (hovered.get() == c) {
                hovered.set(null);
            }
        });
        t.setOnMouseClicked(e -> selected.set(selected.get() == c ? null : c));
        return t;
    }

    /** Dark when the symbol was likely, shading to red as it gets surprising. */
    static Color tint(double probability) {
        double expectedness = Math.sqrt(Math.max(0, Math.min(1, probability)));
        return SURPRISING.interpolate(EXPECTED, expectedness);
    }

    /** The nodes of the generated symbols (not the seed), oldest first. */
    public List<Text> symbolNodes() {
        List<Text> nodes = new ArrayList<>(symbols);
        for (Node block : blocks.getChildren()) {
            for (Node n : ((TextFlow) block).getChildren()) {
                if (n.getUserData() instanceof GeneratedSymbol) {
                    nodes.add((Text) n);
                }
            }
        }
        return nodes;
    }

    /** The generated text, without the seed (and with what waits to be shown). */
    public String generatedText() {
        StringBuilder sb = new StringBuilder();
        for (Text t : symbolNodes()) {
            sb.append(((GeneratedSymbol) t.getUserData()).text());
        }
        for (GeneratedSymbol c : backlog) {
            sb.append(c.text());
        }
        return sb.toString();
    }

    public int symbolCount() {
        return symbols + backlog.size();
    }

    int blockCount() {
        return blocks.getChildren().size();
    }

    public ReadOnlyObjectProperty<GeneratedSymbol> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    public ObjectProperty<GeneratedSymbol> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Font> textFontProperty() {
        return font;
    }
}
