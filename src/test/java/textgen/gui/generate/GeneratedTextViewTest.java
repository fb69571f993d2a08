package textgen.gui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import textgen.lm.GeneratedSymbol;

@ExtendWith(ApplicationExtension.class)
class GeneratedTextViewTest {

    private GeneratedTextView view;

    @Start
    void start(Stage stage) {
        view = new GeneratedTextView();
        stage.setScene(new javafx.scene.Scene(view, 600, 400));
        stage.show();
    }

    private static List<GeneratedSymbol> chars(String text) {
        List<GeneratedSymbol> result = new ArrayList<>();
        double[] p = {1};
        text.codePoints().forEach(cp -> result.add(new GeneratedSymbol(Character.toString(cp), "", Character.toString(cp), 0, 0.5, p, p)));
        return result;
    }

    @Test
    void longTextIsSplitIntoBlocksWithoutLosingACharacter(FxRobot robot) {
        String text = "A line of generated text, long enough to wrap.\n".repeat(40) + "no newline here ".repeat(40);
        robot.interact(() -> {
            view.start("seed ");
            List<GeneratedSymbol> all = chars(text);
            for (int i = 0; i < all.size(); i += 7) {
                view.append(all.subList(i, Math.min(all.size(), i + 7))); // as frames deliver them
            }
        });
        assertTrue(view.blockCount() > 5, "blocks: " + view.blockCount());
        assertEquals(text, view.generatedText());
        assertEquals(text.length(), view.symbolCount());
    }

    @Test
    void whileHiddenItKeepsTheTextAndLaysItOutWhenShown(FxRobot robot) {
        robot.interact(() -> {
            view.start("seed ");
            view.append(chars("before "));
            view.setShown(false);
            view.append(chars("while the Inside tab was shown"));
        });
        assertEquals("before ".length(), view.symbolNodes().size(), "nothing is laid out while hidden");
        assertEquals("before while the Inside tab was shown", view.generatedText(), "but nothing is lost");
        robot.interact(() -> view.setShown(true));
        assertEquals("before while the Inside tab was shown".length(), view.symbolNodes().size());
        assertEquals("before while the Inside tab was shown", view.generatedText());
    }

    /** Words carry their space before them: a block that ends there must not take the word with it. */
    @Test
    void aWordAtABlockBreakIsShownNotBlanked(FxRobot robot) {
        List<GeneratedSymbol> words = new ArrayList<>();
        double[] p = {1};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            String word = "w" + i;
            String separator = i == 0 ? "" : " ";
            words.add(new GeneratedSymbol(word, separator, word, 0, 0.5, p, p));
            text.append(separator).append(word);
        }
        robot.interact(() -> {
            view.start("");
            for (int i = 0; i < words.size(); i += 9) {
                view.append(words.subList(i, Math.min(words.size(), i + 9)));
            }
        });
        assertTrue(view.blockCount() >= 3, "blocks: " + view.blockCount());
        StringBuilder shown = new StringBuilder();
        int blank = 0;
        for (javafx.scene.text.Text node : view.symbolNodes()) {
            shown.append(node.getText());
            blank += node.getText().isBlank() ? 1 : 0;
        }
        assertEquals(0, blank, "no word is shown blank");
        assertEquals(text.toString().replace(" ", ""), shown.toString().replace(" ", ""), "every word is on screen, in order");
        assertEquals(text.toString(), view.generatedText());
    }

    @Test
    void theOldestBlocksAreDroppedPastTheLimit(FxRobot robot) {
        String text = "0123456789 abcdefghij\n".repeat(GeneratedTextView.MAX_SYMBOLS / 10);
        robot.interact(() -> {
            view.start("");
            view.append(chars(text));
        });
        assertTrue(view.symbolCount() <= GeneratedTextView.MAX_SYMBOLS, "kept " + view.symbolCount());
        assertTrue(view.symbolCount() > GeneratedTextView.MAX_SYMBOLS - GeneratedTextView.BLOCK_AT_SPACE);
        assertTrue(text.endsWith(view.generatedText()), "the newest text is kept");
        assertEquals(view.generatedText().length(), view.symbolCount());
    }
}
