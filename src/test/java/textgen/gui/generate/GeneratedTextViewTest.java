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
        assertEquals(text.length(), view.characterCount());
    }

    @Test
    void theOldestBlocksAreDroppedPastTheLimit(FxRobot robot) {
        String text = "0123456789 abcdefghij\n".repeat(GeneratedTextView.MAX_CHARACTERS / 10);
        robot.interact(() -> {
            view.start("");
            view.append(chars(text));
        });
        assertTrue(view.characterCount() <= GeneratedTextView.MAX_CHARACTERS, "kept " + view.characterCount());
        assertTrue(view.characterCount() > GeneratedTextView.MAX_CHARACTERS - GeneratedTextView.BLOCK_AT_SPACE);
        assertTrue(text.endsWith(view.generatedText()), "the newest text is kept");
        assertEquals(view.generatedText().length(), view.characterCount());
    }
}
