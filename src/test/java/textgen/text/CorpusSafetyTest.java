package textgen.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files people find somewhere: each is read correctly or refused with a message that says what to do. */
class CorpusSafetyTest {

    @TempDir
    Path dir;

    @Test
    void otherEncodingsAndBinaryFilesAreRefusedWithWhatToDo() throws IOException {
        assertRefused(Files.write(dir.resolve("le.txt"), "\uFEFFhello".getBytes(StandardCharsets.UTF_16LE)), "UTF-16", "save it as UTF-8");
        assertRefused(Files.write(dir.resolve("be.txt"), "hello".getBytes(StandardCharsets.UTF_16)), "UTF-16", "save it as UTF-8");
        assertRefused(Files.write(dir.resolve("nobom.txt"), "hello".getBytes(StandardCharsets.UTF_16LE)), "binary", "plain text file");
        assertRefused(Files.write(dir.resolve("cp1252.txt"), "naïve “quotes”".getBytes(java.nio.charset.Charset.forName("windows-1252"))),
                "not UTF-8", "save it as UTF-8");
        Path zip = dir.resolve("archive.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("a.txt"));
            z.write("some text".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertRefused(zip, "binary", "plain text file");
    }

    @Test
    void aNulByteFarIntoAFileMakesItBinary() throws IOException {
        byte[] text = ("plain words and lines\n".repeat(2000) + "\0tail\n").getBytes(StandardCharsets.UTF_8);
        assertTrue(text.length > 40_000);
        assertRefused(Files.write(dir.resolve("late-nul.txt"), text), "binary");
    }

    /** Pipes and devices may never end (/dev/zero) or never start (a FIFO nobody writes): refused at once. */
    @Test
    void pipesAndDevicesAreRefusedWithoutWaitingOrReading() throws Exception {
        Path fifo = dir.resolve("pipe.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path special : new Path[] {fifo, Path.of("/dev/zero"), Path.of("/dev/stdin"), Path.of("/dev/null")}) {
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    CorpusLoader.loadFile(special);
                    return "loaded";
                } catch (CorpusException e) {
                    return e.getMessage();
                }
            });
            String message = result.get(5, TimeUnit.SECONDS);
            assertTrue(message.contains("not a file but a device, pipe or socket"), special + ": " + message);
        }
    }

    @Test
    void aFileThatGrowsWhileItIsReadIsReadAsItWasMeasured() throws Exception {
        Path growing = Files.writeString(dir.resolve("growing.log"), "line one\n");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(growing, java.nio.file.StandardOpenOption.APPEND)) {
                byte[] line = "another line of the log\n".getBytes(StandardCharsets.UTF_8);
                for (long written = 0; written < 64L << 20 && !Thread.currentThread().isInterrupted(); written += line.length) {
                    out.write(line);
                }
            } catch (IOException e) {
                // the test ends the writer by deleting the folder
            }
        });
        writer.start();
        try {
            Corpus corpus = CorpusLoader.loadFile(growing);
            assertTrue(corpus.text().length() <= CorpusLoader.MAX_TEXT_BYTES, "read at most the cap");
            assertTrue(corpus.text().startsWith("line one\n"));
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    @Test
    void aFileOfOneRepeatedCharacterHasAOneSymbolVocabulary() throws Exception {
        Corpus c = CorpusLoader.loadFile(Files.writeString(dir.resolve("aaa.txt"), "a".repeat(500)));
        assertEquals(1, c.vocabulary().size());
        assertEquals(500, c.codePointCount());
    }

    /** A few hundred random byte strings: each is a corpus of valid text or a CorpusException, never anything else. */
    @Test
    void randomBytesAreEitherTextOrRefused() throws Exception {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (i % 2 == 0) { // half of them mostly text, with the odd stray byte
                for (int k = 0; k < bytes.length; k++) {
                    if (random.nextInt(20) > 0) {
                        bytes[k] = (byte) (' ' + random.nextInt(95));
                    }
                }
            }
            Path file = Files.write(dir.resolve("r.txt"), bytes);
            try {
                Corpus c = CorpusLoader.loadFile(file);
                assertFalse(c.text().isBlank());
                assertArrayEquals(c.text().getBytes(StandardCharsets.UTF_8),
                        Corpus.normalize(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            } catch (CorpusException e) {
                assertTrue(e.getMessage().startsWith("'r.txt'"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 100, refused + " refused");
    }

    @Test
    void aLargeFileIsSampledEvenlyInWholeLines() throws Exception {
        Path file = dir.resolve("big.txt");
        long lines = writeNumberedLines(file, 8L << 20);
        Corpus c = CorpusLoader.loadFile(file, 1 << 20);
        int bytes = c.text().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 1 << 20 && bytes > 900_000, bytes + " bytes");
        assertTrue(c.note().contains("64 evenly spaced pieces"), c.note());
        String[] kept = c.text().split("\n");
        for (String line : kept) {
            assertTrue(line.matches("line \\d+ of a large generated corpus, with some words in it\\."), "whole line: " + line);
        }
        assertEquals(0, Long.parseLong(kept[0].split(" ")[1]), "starts at the file's start");
        long last = Long.parseLong(kept[kept.length - 1].split(" ")[1]);
        assertTrue(last > lines * 0.97, "reaches the end: " + last + " of " + lines);
    }

    @Test
    void piecesWithoutLineEndsAreCutAtCharacterBoundaries() {
        byte[] text = "世界世界世界".getBytes(StandardCharsets.UTF_8); // 18 bytes, 3 per character
        byte[] piece = CorpusLoader.trimToLines(java.util.Arrays.copyOfRange(text, 1, 17), 16, false);
        assertEquals("界世界世", new String(piece, StandardCharsets.UTF_8));
    }

    /**
     * A 200 MB file is read in a child JVM whose heap (128 MB) is smaller than the file, so
     * reading it whole would fail with OutOfMemoryError.
     */
    @Test
    void a200MegabyteFileLoadsInAHeapSmallerThanTheFile() throws Exception {
        Path file = dir.resolve("huge.txt");
        writeNumberedLines(file, 200L << 20);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), CorpusProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        String[] fields = output.strip().split("\t");
        assertTrue(Long.parseLong(fields[0]) <= CorpusLoader.MAX_TEXT_BYTES, output);
        assertTrue(fields[1].contains("200 MB"), output);
    }

    private static long writeNumberedLines(Path file, long bytes) throws IOException {
        long line = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                String text = "line " + line++ + " of a large generated corpus, with some words in it.\n";
                out.write(text);
                written += text.length();
            }
        }
        return line;
    }

    private static void assertRefused(Path file, String... expected) {
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.loadFile(file));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
