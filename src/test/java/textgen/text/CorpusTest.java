package textgen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path dir;

    @Test
    void dickensLoadsWithoutTheByteOrderMark() throws CorpusException {
        Corpus c = BuiltInCorpus.DICKENS.load();
        assertTrue(c.text().startsWith("The Old Curiosity Shop"), c.text().substring(0, 30));
        assertTrue(c.codePointCount() > 1_000_000);
        assertEquals(77, c.vocabulary().size());
    }

    @Test
    void theShakespearePlayHasUnixLineEnds() throws CorpusException {
        Corpus c = CorpusLoader.load("shakespeare");
        assertFalse(c.text().contains("\r"));
        assertTrue(c.text().contains("Macbeth"));
    }

    @Test
    void tangPoemsAreOnePerLineWithTitleAndAuthor() throws CorpusException {
        Corpus c = CorpusLoader.load("TANG");
        String[] lines = c.text().split("\n");
        assertEquals(306, lines.length);
        assertTrue(c.text().contains("《春晓》孟浩然：春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。"), lines[1]);
        assertTrue(c.vocabulary().size() > 2000);
    }

    @Test
    void namesAreOnePerLine() throws CorpusException {
        Corpus c = CorpusLoader.load("names");
        assertTrue(c.text().startsWith("Aaron\n"));
        assertTrue(c.text().split("\n").length > 4000);
    }

    @Test
    void splitHoldsOutTheLastFivePercent() {
        Corpus c = new Corpus("x", "a".repeat(95) + "b".repeat(5));
        Corpus.CorpusSplit split = c.split();
        assertEquals("a".repeat(95), split.train());
        assertEquals("b".repeat(5), split.validation());
    }

    @Test
    void splitNeverCutsASurrogatePair() {
        Corpus c = new Corpus("x", "😀".repeat(20));
        Corpus.CorpusSplit split = c.split(0.05);
        assertEquals("😀".repeat(19), split.train());
        assertEquals("😀", split.validation());
    }

    @Test
    void readsUtf8FilesAndNormalisesLineEnds() throws Exception {
        Path f = dir.resolve("poem.txt");
        Files.write(f, "\uFEFFline one\r\nline two\r世界".getBytes(StandardCharsets.UTF_8));
        Corpus c = CorpusLoader.load(f.toString());
        assertEquals("line one\nline two\n世界", c.text());
        assertEquals("poem.txt", c.name());
    }

    @Test
    void refusesWhatIsNotUtf8TextWithAClearMessage() throws IOException {
        assertRefused(Files.write(dir.resolve("latin1.txt"), "café".getBytes(StandardCharsets.ISO_8859_1)), "not UTF-8");
        assertRefused(Files.write(dir.resolve("utf16.txt"), "hello".getBytes(StandardCharsets.UTF_16)), "UTF-16");
        assertRefused(Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1}), "binary");
        assertRefused(Files.write(dir.resolve("empty.txt"), new byte[0]), "no text");
        assertRefused(Files.writeString(dir.resolve("blank.txt"), " \n\t \n"), "no text");
        assertRefused(dir.resolve("missing.txt"), "There is no file");
        assertRefused(dir, "folder");
    }

    private static void assertRefused(Path file, String expected) {
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(file.toString()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
