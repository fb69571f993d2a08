package textgen.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import textgen.text.AtomicFiles;
import textgen.text.WordVectorException;
import textgen.text.WordVectorReader;
import textgen.text.WordVectors;

/**
 * Reading a large word-vectors file the way {@code train --level word} reads it: a generated
 * file of {@code words x dimension} values in the word2vec text format, with Chinese words (one
 * character for the first 3,000, then two, then three), and a Chinese corpus made of {@code wanted} of them spread over the
 * whole file, whose candidate substrings ({@link WordVectorReader.Request#forText}) decide what
 * is kept. Reports the read time (median) and the peak heap. The file is written to the
 * temporary folder for the run and deleted afterwards.
 */
final class VectorBenchmark {

    /** Distinct characters words are made of: the first of the CJK block. */
    private static final int CHARACTERS = 3000;

    private final int words;
    private final int dimension;
    private final int wanted;
    private final int repeats;

    VectorBenchmark(int words, int dimension, int wanted, int repeats) {
        this.words = words;
        this.dimension = dimension;
        this.wanted = wanted;
        this.repeats = repeats;
    }

    Map<String, Object> run() throws IOException, WordVectorException {
        Path file = Files.createTempFile("textgen-bench-vectors-" + words + "x" + dimension + "-", ".txt");
        try {
            return measure(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Map<String, Object> measure(Path file) throws IOException, WordVectorException {
        Map<String, Object> result = new LinkedHashMap<>();
        long writeStart = System.nanoTime();
        generate(file);
        result.put("fileWrittenSeconds", (System.nanoTime() - writeStart) / 1e9);
        result.put("fileBytes", Files.size(file));
        result.put("words", words);
        result.put("dimension", dimension);
        result.put("corpusWords", wanted);
        result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576.0);

        // A corpus of sentences of eight of the words each, as Chinese is written: no spaces.
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < wanted; i++) {
            corpus.append(word((int) ((long) i * words / wanted)));
            if (i % 8 == 7) {
                corpus.append("。\n");
            }
        }
        WordVectorReader.Request request = WordVectorReader.Request.forText(corpus);
        result.put("corpusCharacters", corpus.length());
        result.put("candidateSubstrings", request.wanted().size());
        double[] seconds = new double[repeats];
        long peak = 0;
        int kept = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            WordVectors vectors = WordVectorReader.read(file, request);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            peak = Math.max(peak, peakHeap());
            kept = vectors.words().size();
        }
        Arrays.sort(seconds);
        result.put("wordsKept", kept);
        result.put("readSecondsMedian", seconds[seconds.length / 2]);
        result.put("readSecondsAll", seconds);
        result.put("megabytesPerSecond", Files.size(file) / 1048576.0 / seconds[seconds.length / 2]);
        result.put("peakHeapMb", peak / 1048576.0);
        return result;
    }

    /** Word {@code i}: one character for the first few thousand, then two, then three; all distinct. */
    static String word(int i) {
        StringBuilder w = new StringBuilder();
        int digits = i < CHARACTERS ? 1 : i < CHARACTERS + CHARACTERS * CHARACTERS ? 2 : 3;
        long n = digits == 1 ? i : digits == 2 ? i - CHARACTERS : i - CHARACTERS - (long) CHARACTERS * CHARACTERS;
        for (int d = 0; d < digits; d++) {
            w.append((char) (0x4E00 + n % CHARACTERS));
            n /= CHARACTERS;
        }
        return w.toString();
    }

    /**
     * Values of the form -0.123456 (six decimals, as Chinese-Word-Vectors writes them), byte by
     * byte: String.format would take minutes for 150 million.
     */
    private void generate(Path file) throws IOException {
        Random random = new Random(1);
        AtomicFiles.write(file, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 20);
            out.write((words + " " + dimension + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] value = new byte[10];
            for (int i = 0; i < words; i++) {
                out.write(word(i).getBytes(StandardCharsets.UTF_8));
                for (int d = 0; d < dimension; d++) {
                    int v = random.nextInt(2_000_000) - 1_000_000;
                    int a = Math.abs(v);
                    int n = 0;
                    value[n++] = ' ';
                    if (v < 0) {
                        value[n++] = '-';
                    }
                    value[n++] = (byte) ('0' + a / 1_000_000);
                    value[n++] = '.';
                    for (int div = 100_000; div >= 1; div /= 10) {
                        value[n++] = (byte) ('0' + (a / div) % 10);
                    }
                    out.write(value, 0, n);
                }
                out.write('\n');
            }
            out.flush();
        });
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
