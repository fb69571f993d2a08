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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import textgen.text.AtomicFiles;
import textgen.text.WordVectorException;
import textgen.text.WordVectorReader;
import textgen.text.WordVectors;

/**
 * Reading a large word-vectors file: a generated file of {@code words x dimension} values in
 * the word2vec text format (written once, kept in the temporary folder), of which a corpus
 * uses {@code wanted} words spread over the whole file. Reports the read time (median) and the
 * peak heap.
 */
final class VectorBenchmark {

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
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "textgen-bench-vectors-" + words + "x" + dimension + ".vec");
        Map<String, Object> result = new LinkedHashMap<>();
        long writeStart = System.nanoTime();
        if (!Files.exists(file)) {
            generate(file);
            result.put("fileWrittenSeconds", (System.nanoTime() - writeStart) / 1e9);
        }
        result.put("file", file.toString());
        result.put("fileBytes", Files.size(file));
        result.put("words", words);
        result.put("dimension", dimension);
        result.put("corpusWords", wanted);
        result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576.0);

        Set<String> corpus = new HashSet<>();
        for (int i = 0; i < wanted; i++) {
            corpus.add(word((int) ((long) i * words / wanted)));
        }
        double[] seconds = new double[repeats];
        long peak = 0;
        int kept = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            WordVectors vectors = WordVectorReader.read(file, WordVectorReader.Request.keep(corpus, 0));
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

    private static String word(int i) {
        return "w" + Integer.toString(i, 36);
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
                out.write(word(i).getBytes(StandardCharsets.US_ASCII));
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
