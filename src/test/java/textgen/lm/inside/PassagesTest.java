package textgen.lm.inside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import textgen.text.CharVocabulary;
import textgen.text.Corpus;

class PassagesTest {

    private static final String TEXT = "abcdefghij".repeat(200); // 2,000 characters, the last 100 held out

    @Test
    void aShortPassageIsTheStartOfTheHeldOutText() {
        Corpus corpus = new Corpus("letters", TEXT);
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        Passages.Passage passage = Passages.heldOut(vocabulary, corpus, 50);
        int[] validation = vocabulary.encode(corpus.split().validation(), null);
        assertArrayEquals(Arrays.copyOf(validation, 50), passage.symbols());
        assertEquals("the held-out text of letters", passage.describe("letters"));
    }

    @Test
    void aPassageLongerThanTheHeldOutPartSaysHowMuchWasTrainedOn() {
        Corpus corpus = new Corpus("letters", TEXT);
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        int held = corpus.split().validation().length();
        Passages.Passage passage = Passages.heldOut(vocabulary, corpus, 1000);
        assertEquals(1000, passage.symbols().length);
        assertEquals(held, passage.heldOut());
        assertArrayEquals(vocabulary.encode(TEXT.substring(1000), null), passage.symbols(), "the end of the whole text");
        assertEquals("the end of letters (its held-out part is only " + held + " symbols; the rest was trained on)",
                passage.describe("letters"));
    }
}
