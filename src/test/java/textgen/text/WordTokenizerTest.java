package textgen.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

    @Test
    void spaceSeparatedTextBecomesWordsPunctuationAndLineBreaks() {
        assertEquals(List.of("Hello", ",", "world", "!", "It's", "a", "well-known", "fact", ".", "\n", "Line", "2"),
                WordTokenizer.tokenize("Hello, world! It's a well-known fact.\nLine 2", w -> false));
    }

    @Test
    void chineseIsCutByLongestMatchAgainstTheLexicon() {
        Set<String> lexicon = Set.of("中国", "中国人", "人民", "明月");
        assertEquals(List.of("中国人", "民", "，", "明月", "光"), WordTokenizer.tokenize("中国人民，明月光", lexicon::contains));
        assertEquals(List.of("床", "前", "明月", "光", "\n"), WordTokenizer.tokenize("床前明月光\n", lexicon::contains));
    }

    @Test
    void candidatesHoldEveryCjkSubstringUpToFourCharacters() {
        Set<String> c = WordTokenizer.candidates("明月光 moon");
        assertTrue(c.containsAll(Set.of("明", "月", "光", "明月", "月光", "明月光", "moon")), c.toString());
    }

    @Test
    void theVocabularyKeepsTheMostFrequentWordsAndMapsTheRestToUnknown() {
        List<String> tokens = WordTokenizer.tokenize("the cat sat on the mat . the end .", w -> false);
        WordVocabulary v = WordVocabulary.of(tokens, 3);
        assertEquals(4, v.size());
        assertEquals(List.of(WordVocabulary.UNKNOWN, "the", ".", "cat"), List.of(v.symbol(0), v.symbol(1), v.symbol(2), v.symbol(3)));
        List<String> unknown = new ArrayList<>();
        int[] encoded = v.encode("the dog .", unknown::add);
        assertArrayEquals(new int[] {1, 0, 2}, encoded);
        assertEquals(List.of("dog"), unknown);
        assertEquals(1.0 / 3 * 2, v.knownShare("the dog ."), 1e-12);
    }

    @Test
    void wordsAreJoinedAsTextIsWritten() {
        WordVocabulary en = WordVocabulary.of(WordTokenizer.tokenize("Hello , world ! ( yes ) \n again", w -> false), 100);
        assertEquals("Hello, world! (yes)\nagain", en.decode(en.encode("Hello, world! (yes)\nagain", null)));
        WordVocabulary zh = WordVocabulary.of(List.of("床", "前", "明月", "光", "，", "\n"), 100);
        assertEquals("床前明月光，\n床前", zh.decode(zh.encode("床前明月光，\n床前", null)));
    }

    @Test
    void theVocabularyIsWrittenAndReadBack() throws Exception {
        WordVocabulary v = WordVocabulary.of(List.of("a", "\n", "tab\there", "back\\slash", "a"), 10);
        StringWriter out = new StringWriter();
        v.write(out);
        WordVocabulary back = WordVocabulary.read(new BufferedReader(new StringReader(out.toString())));
        assertEquals(v.size(), back.size());
        for (int i = 0; i < v.size(); i++) {
            assertEquals(v.symbol(i), back.symbol(i));
            assertEquals(v.count(i), back.count(i));
        }
    }
}
