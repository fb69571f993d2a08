package textgen.lm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import textgen.lm.Dl4jStepEngine;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.NativeThreads;
import textgen.lm.NetworkConfig;
import textgen.lm.NetworkFactory;
import textgen.lm.io.ModelFile;
import textgen.lm.io.ModelFileException;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingEvent;
import textgen.lm.training.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.CharVocabulary;
import textgen.text.Corpus;

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
    public Map<String, Object> run() throws TrainingException {
        Map<String, Object> result = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        result.put("cores", cores);
        result.put("trainingThreads", trainingThreads);

        Map<Integer, Double> gflopsByThreads = new LinkedHashMap<>();
        for (int threads : threadCounts(cores)) {
            NativeThreads.set(threads);
            gflopsByThreads.put(threads, matmulGflops(1024));
        }
        result.put("matmul1024GflopsByThreads", gflopsByThreads);

        Corpus corpus = new Corpus("bench", text);
        CharVocabulary vocabulary = corpus.vocabulary();
        NetworkConfig config = NetworkConfig.DEFAULT;
        result.put("vocabularySize", vocabulary.size());
        result.put("network", config.layers() + "xLSTM(" + config.units() + "), seq " + config.sequenceLength()
                + ", batch " + config.batchSize());
        double flopsPerStep = config.flopsPerTimestep(vocabulary.size());
        result.put("flopsPerTimestep", flopsPerStep);

        // The real training loop (batch preparation, the NaN guard and all), at each thread count.
        Map<Integer, Double> byThreads = new LinkedHashMap<>();
        Map<Integer, Double> shareByThreads = new LinkedHashMap<>();
        for (int threads : threadCounts(cores)) {
            NativeThreads.set(threads);
            double tps = trainerTimestepsPerSecond(config, corpus, true);
            byThreads.put(threads, tps);
            shareByThreads.put(threads, tps * flopsPerStep / 1e9 / gflopsByThreads.get(threads));
        }
        result.put("trainTimestepsPerSecondByThreads", byThreads);
        result.put("trainShareOfMatmulByThreads", shareByThreads);

        NativeThreads.set(trainingThreads);
        Map<Integer, Double> byBatch = new LinkedHashMap<>();
        for (int batch : new int[] {32, 64, 128}) {
            byBatch.put(batch, batch == config.batchSize() ? byThreads.get(trainingThreads)
                    : trainerTimestepsPerSecond(config.withBatchSize(batch), corpus, true));
        }
        result.put("trainTimestepsPerSecondByBatch", byBatch);
        double dl4j = trainerTimestepsPerSecond(config, corpus, false);
        result.put("trainTimestepsPerSecondDl4jLstm", dl4j);
        result.put("fusedOverDl4jLstm", byThreads.get(trainingThreads) / dl4j);

        LanguageModel model = LanguageModel.create(config, vocabulary, "bench");
        double liveMs = liveSampleMillis(model, corpus);
        result.put("liveSampleMillis", liveMs);
        result.put("liveSampleShareOfTrainingAt5s", liveMs / 5000);

        Generator generator = model.generator();
        double oneStreamMs = generationMsPerStep(generator, 1, false);
        double recordingMs = generationMsPerStep(generator, 1, true);
        double fourStreamMs = generationMsPerStep(generator, 4, false);
        result.put("generateCharsPerSecond1Stream", 1000 / oneStreamMs);
        result.put("generateMsPerStep1Stream", oneStreamMs);
        // With the Inside view open, each step also keeps a copy of the network's state.
        result.put("generateMsPerStep1StreamRecordingStates", recordingMs);
        result.put("generateMsPerStep4Streams", fourStreamMs);
        result.put("generate4StreamsTimeRatio", fourStreamMs / oneStreamMs);
        LanguageModel shipped = shippedEnglishModel();
        double shippedMs = generationMsPerStep(shipped.generator(), 1, false);
        result.put("shippedEnglishNetwork", shipped.config().layers() + "xLSTM(" + shipped.config().units() + ")");
        result.put("shippedEnglishGenerateCharsPerSecond1Stream", 1000 / shippedMs);
        double dl4jOne = rnnTimeStepMs(model, 1);
        double dl4jFour = rnnTimeStepMs(model, 4);
        result.put("rnnTimeStepMsPerStep1Stream", dl4jOne);
        result.put("rnnTimeStepMsPerStep4Streams", dl4jFour);
        return result;
    }

    /** The English model the app ships (models/dickens.tgm, inside the jar). */
    private static LanguageModel shippedEnglishModel() throws TrainingException {
        try (InputStream in = Benchmarks.class.getResourceAsStream("/textgen/models/dickens.tgm")) {
            if (in == null) {
                throw new TrainingException("The built-in English model is missing from the classpath.");
            }
            return ModelFile.load(in, "dickens");
        } catch (IOException | ModelFileException e) {
            throw new TrainingException("The built-in English model could not be read: " + e.getMessage());
        }
    }

    /** 1, then doubling, up to the machine's cores. */
    private static List<Integer> threadCounts(int cores) {
        List<Integer> counts = new ArrayList<>();
        for (int threads = 1; threads < cores; threads *= 2) {
            counts.add(threads);
        }
        counts.add(cores);
        return counts;
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

    /**
     * Timesteps per second of the {@link Trainer} itself on the corpus, median of three runs:
     * each trains a fresh model for some warm-up batches, then times {@code repeats * 3}
     * batches from one batch's end to another's, so batch preparation, the NaN guard and the
     * events are all inside. With {@code fused} false, DL4J's own LSTM layer does the work.
     */
    double trainerTimestepsPerSecond(NetworkConfig config, Corpus corpus, boolean fused) throws TrainingException {
        int warmup = 8;
        int timed = Math.max(6, repeats * 3);
        double[] rates = new double[3];
        for (int run = 0; run < rates.length; run++) {
            CharVocabulary vocabulary = corpus.vocabulary();
            LanguageModel model = new LanguageModel(NetworkFactory.build(config, vocabulary.size(), null, fused), vocabulary,
                    config, corpus.name(), List.of(), null);
            TrainingControl control = new TrainingControl();
            long[] batchEnds = new long[warmup + timed + 1];
            int[] seen = {0};
            new Trainer(model, corpus.split(), event -> {
                if (event instanceof TrainingEvent.BatchDone && seen[0] < batchEnds.length) {
                    batchEnds[seen[0]++] = System.nanoTime();
                    if (seen[0] == batchEnds.length) {
                        control.cancel();
                    }
                }
            }, control).sampleLength(0).run(1);
            if (seen[0] < batchEnds.length) {
                throw new IllegalStateException("The benchmark text is too short for " + batchEnds.length + " batches.");
            }
            double seconds = (batchEnds[batchEnds.length - 1] - batchEnds[warmup]) / 1e9;
            rates[run] = (double) timed * config.batchSize() * config.sequenceLength() / seconds;
        }
        return median(rates);
    }

    /** Median milliseconds for one live sample during training: the weights snapshot and a line of text. */
    double liveSampleMillis(LanguageModel model, Corpus corpus) throws TrainingException {
        Trainer trainer = new Trainer(model, corpus.split(), event -> { }, new TrainingControl());
        double[] ms = new double[Math.max(5, repeats)];
        for (int i = -3; i < ms.length; i++) {
            long t0 = System.nanoTime();
            trainer.liveSample(1, 1);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return median(ms);
    }

    /**
     * Median milliseconds per generated character step for {@code streams} streams, sampling
     * included; {@code recordStates} keeps stream 0's state after each step, as the Inside view has it.
     */
    double generationMsPerStep(Generator generator, int streams, boolean recordStates) {
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
            run.recordStates(recordStates);
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
