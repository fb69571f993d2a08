package textgen.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.bench.Benchmarks;
import textgen.text.BuiltInCorpus;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine's speed on this machine: matrix-multiply rate, training timesteps per second"
                + " of the real training loop (by native threads and batch size, and with DL4J's own LSTM layer for"
                + " comparison), the cost of a live sample, and generation speed for 1 and 4 streams. Takes about a minute.",
                "With --time-to-quality: seconds from starting to train on Dickens with every default to a validation loss"
                        + " of 1.50 nats per character, from the command line and through the window's training process"
                        + " (a few minutes).",
                "With --vectors: the time and peak heap to read a generated 500,000 x 300 file of Chinese word vectors"
                        + " (1.4 GB, written to the temporary folder and deleted afterwards) for a Chinese corpus of 20,000"
                        + " of its words, kept as train --level word keeps them. Run it as java -Xmx1g -jar ... to hold the"
                        + " heap to 1 GB."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print one JSON object (the default prints it indented).")
    boolean json;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "10",
            description = "Timed repetitions per figure; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--time-to-quality", description = "Measure time to quality instead (see above).")
    boolean timeToQuality;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "--time-to-quality: runs of each kind; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--vectors", description = "Measure reading word vectors instead (see above).")
    boolean vectors;

    @Option(names = "--vector-words", paramLabel = "N", defaultValue = "500000", description = "Words in the generated vectors file (default: ${DEFAULT-VALUE}).")
    int vectorWords;

    @Option(names = "--vector-dimension", paramLabel = "D", defaultValue = "300", description = "Its dimension (default: ${DEFAULT-VALUE}).")
    int vectorDimension;

    @Option(names = "--corpus-words", paramLabel = "N", defaultValue = "20000", description = "How many of its words the corpus uses (default: ${DEFAULT-VALUE}).")
    int corpusWords;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new CliException("--repeats must be at least 1.");
        }
        Map<String, Object> result;
        if (timeToQuality) {
            if (runs < 1) {
                throw new CliException("--runs must be at least 1.");
            }
            PrintWriter err = spec.commandLine().getErr();
            result = new TimeToQualityBenchmark(runs, line -> {
                err.println(line);
                err.flush();
            }).run();
        } else if (vectors) {
            if (vectorWords < 1 || vectorDimension < 1 || corpusWords < 1 || corpusWords > vectorWords) {
                throw new CliException("--vector-words and --vector-dimension must be at least 1, and --corpus-words between 1 and --vector-words.");
            }
            result = new VectorBenchmark(vectorWords, vectorDimension, corpusWords, Math.min(repeats, 3)).run();
        } else {
            engine.apply();
            String text = BuiltInCorpus.DICKENS.load().text();
            result = new Benchmarks(text, repeats, engine.threads).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        GsonBuilder gson = new GsonBuilder().serializeSpecialFloatingPointValues();
        if (!json) {
            gson.setPrettyPrinting();
        }
        out.println(gson.create().toJson(result));
        out.flush();
        return 0;
    }
}
