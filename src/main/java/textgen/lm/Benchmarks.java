package textgen.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.CharVocabulary;

/**
 * Speed measurements of the engine: matrix-multiply rate, training throughput and generation
 * latency. Figures are medians over repeated runs, since shared machines are noisy.
 */
public final class Benchmarks {

    private final String text;
    private final int repeats;
    private final int trainingThreads;

    /**
     * @param text the text to train on (its vocabulary sets V)
     * @param repeats timed repetitions per figure; more gives steadier medians
     * @param trainingThreads native threads for training and generation
     */
    public Benchmarks(String text, int repeats, int trainingThreads) {
        this.text = text;
        this.repeats = repeats;
        this.trainingThreads = trainingThreads;
    }

    /** Runs everything and returns the figures in a stable order, ready to print as JSON. */
    public Map<String, Object> run() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("trainingThreads", trainingThreads);

        Map<Integer, Double> gflopsByThreads = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads = 1; threads <= cores; threads = threads == cores ? cores + 1 : Math.min(cores, threads * 2)) {
            NativeThreads.set(threads);
            gflopsByThreads.put(threads, matmulGflops(1024));
        }
        double bestGflops = gflopsByThreads.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        result.put("matmul1024GflopsByThreads", gflopsByThreads);
        result.put("matmul1024GflopsBest", bestGflops);

        NativeThreads.set(trainingThreads);
        CharVocabulary vocabulary = CharVocabulary.of(text);
        NetworkConfig config = NetworkConfig.DEFAULT;
        result.put("vocabularySize", vocabulary.size());
        result.put("network", config.layers() + "xLSTM(" + config.units() + "), seq " + config.sequenceLength());
        double flopsPerStep = config.flopsPerTimestep(vocabulary.size());
        result.put("flopsPerTimestep", flopsPerStep);
        for (int batch : new int[] {64, 128}) {
            double tps = trainingTimestepsPerSecond(config.withBatchSize(batch), vocabulary);
            result.put("trainTimestepsPerSecondBatch" + batch, tps);
            result.put("trainGflopsBatch" + batch, tps * flopsPerStep / 1e9);
            result.put("trainShareOfMatmulBatch" + batch, tps * flopsPerStep / 1e9 / bestGflops);
        }

        LanguageModel model = LanguageModel.create(config, vocabulary, "bench");
        Generator generator = model.generator();
        double oneStreamMs = generationMsPerStep(generator, 1);
        double fourStreamMs = generationMsPerStep(generator, 4);
        result.put("generateCharsPerSecond1Stream", 1000 / oneStreamMs);
        result.put("generateMsPerStep1Stream", oneStreamMs);
        result.put("generateMsPerStep4Streams", fourStreamMs);
        result.put("generate4StreamsTimeRatio", fourStreamMs / oneStreamMs);
        double dl4jOne = rnnTimeStepMs(model, 1);
        double dl4jFour = rnnTimeStepMs(model, 4);
        result.put("rnnTimeStepMsPerStep1Stream", dl4jOne);
        result.put("rnnTimeStepMsPerStep4Streams", dl4jFour);
        return result;
    }

    /** Single-precision n x n matrix product rate in GFLOP/s, through ND4J. */
    double matmulGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double[] seconds = new double[Math.max(5, repeats * 2)];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return 2.0 * n * n * n / median(seconds) / 1e9;
    }

    /** Median timesteps per second of {@code fit} on real windows of the text. */
    double trainingTimestepsPerSecond(NetworkConfig config, CharVocabulary vocabulary) {
        MultiLayerNetwork network = NetworkFactory.build(config, vocabulary.size());
        WindowBatches windows = new WindowBatches(vocabulary.encode(text, null), vocabulary.size(), config.sequenceLength());
        int[] starts = windows.shuffledStarts(Rng.seeded(1));
        int batches = Math.max(3, repeats * 2);
        int needed = (batches + 3) * config.batchSize();
        if (starts.length < needed) {
            throw new IllegalStateException("The benchmark text is too short for " + needed + " windows.");
        }
        List<DataSet> data = new ArrayList<>();
        for (int i = 0; i < batches + 3; i++) {
            data.add(windows.batch(starts, i * config.batchSize(), config.batchSize()));
        }
        for (int i = 0; i < 3; i++) {
            network.fit(data.get(i));
        }
        double[] seconds = new double[batches];
        for (int i = 0; i < batches; i++) {
            DataSet batch = windows.batch(starts, (i + 3) * config.batchSize(), config.batchSize());
            long t0 = System.nanoTime();
            // Batch preparation is inside the timing: it is part of what training costs.
            network.fit(i == 0 ? data.get(3) : batch);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return (double) config.batchSize() * windows.windowLength() / median(seconds);
    }

    /** Median milliseconds per generated character step for {@code streams} streams, sampling included. */
    double generationMsPerStep(Generator generator, int streams) {
        List<Sampler> samplers = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            samplers.add(Sampler.withTemperature(0.5 + 0.25 * s));
        }
        RandomGenerator rng = Rng.seeded(42);
        int steps = 2000;
        Generator.Run warm = generator.start("The ", samplers, rng);
        for (int i = 0; i < steps; i++) {
            warm.step();
        }
        double[] ms = new double[Math.max(5, repeats)];
        for (int r = 0; r < ms.length; r++) {
            Generator.Run run = generator.start("The ", samplers, rng);
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                run.step();
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / steps;
        }
        return median(ms);
    }

    /** Median milliseconds per {@code rnnTimeStep} (no sampling), for comparison with the plain-Java path. */
    double rnnTimeStepMs(LanguageModel model, int streams) {
        Dl4jStepEngine engine = new Dl4jStepEngine(model.network(), model.vocabulary().size(), streams);
        int[] symbols = new int[streams];
        int steps = 300;
        for (int i = 0; i < steps; i++) {
            engine.step(symbols);
        }
        double[] ms = new double[Math.max(5, repeats)];
        for (int r = 0; r < ms.length; r++) {
            engine.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                symbols[0] = i % model.vocabulary().size();
                engine.step(symbols);
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / steps;
        }
        engine.reset();
        return median(ms);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
