package textgen.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Word vectors in the word2vec text format, read from files the tests write. */
class WordVectorReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileWithAHeaderLine() throws Exception {
        Path file = write("h.vec", "3 4\nthe 0.1 0.2 0.3 0.4\ncat -1 2e-1 3.5 -0.25\n, 0 0 0 1\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0));
        assertEquals(4, v.dimension());
        assertEquals(List.of("the", "cat", ","), v.words());
        assertArrayEquals(new float[] {-1f, 0.2f, 3.5f, -0.25f}, v.vector(1));
        assertEquals(3, v.wordsInFile());
        assertEquals(0, v.malformedLines());
        assertEquals("h.vec", v.name());
    }

    @Test
    void readsAFileWithoutAHeaderLineAndWithTrailingSpacesAndCrlf() throws Exception {
        Path file = write("nh.vec", "the 0.1 0.2 0.3 \r\ncat 1 2 3 \r\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0));
        assertEquals(3, v.dimension());
        assertEquals(List.of("the", "cat"), v.words());
        assertArrayEquals(new float[] {1, 2, 3}, v.vector(1));
    }

    @Test
    void readsCjkWords() throws Exception {
        Path file = write("zh.vec", "4 2\n中国 0.5 0.5\n中国人 1 0\n人民 0 1\n，  0.1 0.1\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(Set.of("中国人", "人民", "，"), 0));
        assertEquals(List.of("中国人", "人民", "，"), v.words());
        assertArrayEquals(new float[] {0, 1}, v.vector(1));
        assertEquals(4, v.wordsInFile());
    }

    @Test
    void malformedLinesAreSkippedAndReportedWithTheirLineNumbers() throws Exception {
        Path file = write("bad.vec", "6 3\na 1 2 3\nb 1 2 3\nc 1 2 3\nd 1 2\ne 1 x 3\nf 1 2 3 4\ng 4 5 6\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0));
        assertEquals(List.of("a", "b", "c", "g"), v.words());
        assertEquals(3, v.malformedLines());
        assertEquals(List.of("line 5: it has 2 numbers instead of 3", "line 6: 'x' is not a number",
                "line 7: it has 4 numbers instead of 3"), v.problems());
    }

    @Test
    void aValueThatLooksNumericButIsNotIsCaughtWhenTheWordIsKept() throws Exception {
        Path file = write("odd.vec", "a 1 2\nb 1 2\nc 1 2\nd 1.2.3 4\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0));
        assertEquals(List.of("a", "b", "c"), v.words());
        assertEquals(List.of("line 4: its numbers are not all valid"), v.problems());
    }

    @Test
    void filesThatAreNotVectorsAreRejectedWithAClearMessage() throws Exception {
        assertRejected(write("prose.txt", "It was the best of times, it was the worst of times.\n"), "not a word-vectors text file: line 1");
        assertRejected(write("csv.vec", "word,x,y\nthe,1,2\n"), "not a word-vectors text file");
        assertRejected(write("empty.vec", ""), "holds no word vectors");
        assertRejected(write("header-only.vec", "10 300\n"), "holds no word vectors");
        assertRejected(write("wrongdim.vec", "2 300\nthe 1 2 3\ncat 1 2 3\n"), "300 numbers, but it has 3 numbers instead of 300");
        assertRejected(Files.write(dir.resolve("w2v.bin"), new byte[] {'3', ' ', '2', '\n', 'a', ' ', 0, 0, -128, 63}), "binary file");
        WordVectorException missing = assertThrows(WordVectorException.class,
                () -> WordVectorReader.read(dir.resolve("nope.vec"), WordVectorReader.Request.keep(null, 0)));
        assertTrue(missing.getMessage().contains("There is no vectors file"), missing.getMessage());
    }

    /** An endless stream of prose is rejected after its first buffer: the check does not wait for the end. */
    @Test
    void aNonVectorFileIsRejectedWithoutReadingItAll() {
        AtomicLong served = new AtomicLong();
        byte[] prose = "Once upon a time there was a very long file that was not vectors at all.\n".getBytes(StandardCharsets.UTF_8);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return prose[(int) (served.getAndIncrement() % prose.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThrows(WordVectorException.class,
                () -> WordVectorReader.read(endless, "endless.txt", Long.MAX_VALUE, WordVectorReader.Request.keep(null, 0)));
        assertTrue(served.get() <= 1 << 20, served.get() + " bytes read");
    }

    /** Memory is bounded by what is kept: of 60,000 words only the corpus's few are stored. */
    @Test
    void onlyTheWantedWordsAreKept() throws Exception {
        Path file = dir.resolve("many.vec");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("60000 8\n");
            for (int i = 0; i < 60_000; i++) {
                out.write("w" + i);
                for (int d = 0; d < 8; d++) {
                    out.write(String.format(Locale.ROOT, " %.4f", (i % 97) / 97.0 - d * 0.01));
                }
                out.write('\n');
            }
        }
        Set<String> corpusWords = Set.of("w5", "w59999", "w123", "absent");
        List<long[]> progress = new ArrayList<>();
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(corpusWords, 0)
                .withProgress((done, total) -> progress.add(new long[] {done, total}), () -> false));
        assertEquals(Set.of("w5", "w123", "w59999"), Set.copyOf(v.words()));
        assertEquals(3 * 8, v.values().length);
        assertEquals(60_000, v.wordsInFile());
        assertEquals(Files.size(file), progress.get(progress.size() - 1)[0], "progress reaches the end");
        assertEquals(1, v.coverage(List.of("w5", "absent", "absent", "\n")).withoutVectors());

        WordVectors capped = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 100));
        assertEquals(100, capped.words().size());
        assertEquals("w99", capped.words().get(99));
    }

    /** Vectors as people download them: gzip, bzip2 and xz files read as the text inside, progress counted in their own bytes. */
    @Test
    void compressedFilesAreReadAsTheTextInside() throws Exception {
        StringBuilder text = new StringBuilder("3000 4\n");
        for (int i = 0; i < 3000; i++) {
            text.append("词").append(i).append(" 0.5 -0.25 ").append(i % 7).append(" 1e-3\n");
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        Set<String> wanted = Set.of("词7", "词2999");
        WordVectors expected = WordVectorReader.read(Files.write(dir.resolve("plain.txt"), plain), WordVectorReader.Request.keep(wanted, 0));
        for (String ending : List.of(".gz", ".bz2", ".xz")) {
            Path file = dir.resolve("sgns.test.char" + ending);
            try (var out = compressing(ending, Files.newOutputStream(file))) {
                out.write(plain);
            }
            assertTrue(Files.size(file) < plain.length / 2, ending + " compresses");
            List<long[]> progress = new ArrayList<>();
            WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(wanted, 0)
                    .withProgress((done, total) -> progress.add(new long[] {done, total}), () -> false));
            assertEquals(expected.words(), v.words(), ending);
            assertArrayEquals(expected.values(), v.values(), 0f, ending);
            assertEquals(3000, v.wordsInFile(), ending);
            long[] last = progress.get(progress.size() - 1);
            assertEquals(Files.size(file), last[0], ending + ": progress counts compressed bytes");
            assertEquals(Files.size(file), last[1], ending);
        }
    }

    private static java.io.OutputStream compressing(String ending, java.io.OutputStream out) throws IOException {
        return switch (ending) {
            case ".gz" -> new java.util.zip.GZIPOutputStream(out);
            case ".bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(out);
            default -> new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(out);
        };
    }

    @Test
    void anOverlongLineIsSkippedAndReportedAndReadingGoesOn() throws Exception {
        String huge = "long" + " 0.5".repeat(600_000) + "\n"; // 2.4 MB
        Path file = write("overlong.vec", "a 1 2\nb 1 2\nc 1 2\n" + huge + "d 3 4\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0));
        assertEquals(List.of("a", "b", "c", "d"), v.words());
        assertEquals(List.of("line 4: it is over 1 MB long"), v.problems());
        assertRejected(write("overlong-first.vec", huge + "a 1 2\n"), "line 1 should be a word followed by");
    }

    @Test
    void aWantedWordTwiceIsReportedAndItsFirstVectorKept() throws Exception {
        Path file = write("twice.vec", "a 1 2\nb 1 2\nc 1 2\nb 9 9\nz 1 1\nz 2 2\n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Request.keep(Set.of("b", "c"), 0));
        assertEquals(List.of("b", "c"), v.words());
        assertArrayEquals(new float[] {1, 2}, v.vector(0));
        assertEquals(List.of("line 4: the word 'b' again (first on line 2); the first vector is kept"), v.problems());
    }

    @Test
    void wordsThatAreNotUtf8AreReportedNotMerged() throws Exception {
        byte[] bytes = concat("a 1 2\nb 1 2\nc 1 2\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'x', (byte) 0xFF, ' ', '1', ' ', '2', '\n'}, new byte[] {'x', (byte) 0xFE, ' ', '3', ' ', '4', '\n'},
                "d 5 6\n".getBytes(StandardCharsets.UTF_8));
        WordVectors v = WordVectorReader.read(Files.write(dir.resolve("latin1.vec"), bytes), WordVectorReader.Request.keep(null, 0));
        assertEquals(List.of("a", "b", "c", "d"), v.words(), "neither broken word is kept as x\uFFFD");
        assertEquals(List.of("line 4: its word is not UTF-8 text", "line 5: its word is not UTF-8 text"), v.problems());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * Two million words the corpus does not use are read in a JVM of 48 MB: a set of every word
     * seen (about 200 MB) would not fit, only what is kept has to.
     */
    @Test
    void memoryDoesNotGrowWithTheFilesVocabulary() throws Exception {
        Path file = dir.resolve("millions.vec");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < 2_000_000; i++) {
                out.write(("u" + i + " 0.1 0.2\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), ReadInSmallHeap.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertEquals("[u17, u1999999] of 2000000", output.strip());
    }

    /** Reads the file named by its argument in whatever heap it is given, and prints what it kept. */
    static final class ReadInSmallHeap {
        public static void main(String[] args) throws Exception {
            WordVectors v = WordVectorReader.read(Path.of(args[0]), WordVectorReader.Request.keep(Set.of("u17", "u1999999"), 0));
            System.out.println(v.words() + " of " + v.wordsInFile());
        }
    }

    @Test
    void readingCanBeCancelled() throws Exception {
        Path file = dir.resolve("big.vec");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200_000; i++) {
                out.write("w" + i + " 0.1 0.2 0.3 0.4 0.5 0.6\n");
            }
        }
        assertTrue(Files.size(file) > 4 << 20);
        assertThrows(CancellationException.class, () -> WordVectorReader.read(file,
                WordVectorReader.Request.keep(null, 0).withProgress((d, t) -> { }, () -> true)));
    }

    @Test
    void theBuiltInTangVectorsAreThere() throws Exception {
        WordVectors v = WordVectorReader.read(WordVectorReader.BUILT_IN_TANG, WordVectorReader.Request.keep(null, 0));
        assertTrue(v.words().size() > 2000, v.words().size() + " characters");
        assertTrue(v.words().contains("月"));
        assertEquals(0, v.malformedLines());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertRejected(Path file, String expected) {
        WordVectorException e = assertThrows(WordVectorException.class,
                () -> WordVectorReader.read(file, WordVectorReader.Request.keep(null, 0)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
