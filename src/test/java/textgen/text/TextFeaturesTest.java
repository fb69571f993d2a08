package textgen.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature, on a text short enough to check by eye. */
class TextFeaturesTest {

    private static List<String> chars(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    private static String marks(TextFeature feature, String text) {
        StringBuilder shown = new StringBuilder();
        for (double v : feature.of(chars(text))) {
            shown.append(v > 0 ? '1' : '0');
        }
        return shown.toString();
    }

    @Test
    void doubleQuotesAreOnFromTheOpeningMarkToTheClosingOne() {
        assertEquals("00011100000", marks(TextFeatures.DOUBLE_QUOTES, "he \"hi\" she"));
        assertEquals("0111000", marks(TextFeatures.DOUBLE_QUOTES, "a\u201Cbc\u201D d"));
    }

    @Test
    void singleQuotedSpeechIgnoresApostrophes() {
        // 'I don't,' said Kit's mother.
        String text = "'I don't,' said Kit's mother.";
        String expected = "1111111110" + "0".repeat(text.length() - 10);
        assertEquals(expected, marks(TextFeatures.SINGLE_QUOTES, text));
    }

    @Test
    void linePositionCountsFromEachLineBreak() {
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 1}, TextFeatures.LINE_POSITION.of(chars("abc\nde")));
    }

    @Test
    void parenthesesNestAndAStrayClosingOneDoesNotGoNegative() {
        assertEquals("0111111000", marks(TextFeatures.PARENTHESES, "a(b(c)d)e)"));
    }

    @Test
    void wordStartsAndSentenceEnds() {
        assertEquals("10010001", marks(TextFeatures.WORD_START, "It is. A"));
        assertEquals("00000110", marks(TextFeatures.AFTER_SENTENCE, "It is. A"));
    }

    @Test
    void versePositionAndTitlesInChinese() {
        assertArrayEquals(new double[] {1, 2, 3, 0, 1, 2, 0}, TextFeatures.VERSE_POSITION.of(chars("床前明，月光。")));
        assertEquals("0111100", marks(TextFeatures.TITLE, "诗《静夜思》作"));
    }

    @Test
    void chineseTextGetsTheChineseFeatures() {
        assertEquals(TextFeatures.CHINESE, TextFeatures.forText(chars("床前明月光，疑是地上霜。")));
        assertEquals(TextFeatures.ENGLISH, TextFeatures.forText(chars("It was the best of times.")));
        // Word models' symbols are words with their leading space.
        assertEquals(TextFeatures.ENGLISH, TextFeatures.forText(List.of("It", " was", " the", " best")));
    }

    @Test
    void aFeatureGivingTheWrongNumberOfValuesIsCaught() {
        TextFeature broken = new TextFeature("broken", symbols -> new double[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.of(chars("abc")));
        assertEquals("The feature 'broken' gave 1 values for 3 symbols.", e.getMessage());
    }
}
