package textgen.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharVocabularyTest {

    @Test
    void countsCodePointsNotChars() {
        String text = "春眠😀不觉晓😀😀";
        CharVocabulary v = CharVocabulary.of(text);
        assertEquals(6, v.size(), "an emoji outside the BMP is one symbol");
        assertEquals(0x1F600, v.codePoint(0), "the most frequent symbol comes first");
        assertEquals(3, v.count(0));
        assertEquals("😀", v.symbol(0));
        assertEquals(text, v.decode(v.encode(text)));
    }

    @Test
    void ordersByFrequencyThenCodePoint() {
        CharVocabulary v = CharVocabulary.of("bbbaaccd");
        assertEquals(List.of('b', 'a', 'c', 'd'), List.of((char) v.codePoint(0), (char) v.codePoint(1),
                (char) v.codePoint(2), (char) v.codePoint(3)));
        assertEquals(3, v.count(0));
        assertEquals(2, v.count(1));
        assertEquals(2, v.count(2));
    }

    @Test
    void encodingSkipsAndReportsUnknownCharacters() {
        CharVocabulary v = CharVocabulary.of("abc");
        List<String> unknown = new ArrayList<>();
        int[] encoded = v.encode("aé😀b", unknown::add);
        assertArrayEquals(new int[] {v.indexOf('a'), v.indexOf('b')}, encoded);
        assertEquals(List.of("é", "😀"), unknown);
        assertEquals(-1, v.indexOf('z'));
        assertThrows(IllegalArgumentException.class, () -> v.encode("az"));
    }

    @Test
    void writesAndReadsBack() throws IOException {
        CharVocabulary v = CharVocabulary.of("Hello, 世界! 👋\n");
        StringWriter out = new StringWriter();
        v.write(out);
        assertEquals(v, CharVocabulary.read(new BufferedReader(new StringReader(out.toString()))));
    }

    @Test
    void readingRejectsBadLines() {
        IOException e = assertThrows(IOException.class,
                () -> CharVocabulary.read(new BufferedReader(new StringReader("97\t3\nnot a line\n"))));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IOException.class, () -> CharVocabulary.read(new BufferedReader(new StringReader("97\t3\n97\t1\n"))));
        assertThrows(IOException.class, () -> CharVocabulary.read(new BufferedReader(new StringReader(""))));
        assertThrows(IOException.class, () -> CharVocabulary.read(new BufferedReader(new StringReader("2000000\t1\n"))));
    }

    @Test
    void symbolsAreMadeVisible() {
        assertEquals("␣", Symbols.visible(' '));
        assertEquals("↵", Symbols.visible('\n'));
        assertEquals("U+0007", Symbols.visible(7));
        assertEquals("'é' (U+00E9)", Symbols.describe('é'));
    }
}
