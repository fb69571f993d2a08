package textgen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.VectorTrainer;
import textgen.text.Corpus;
import textgen.text.CorpusLoader;
import textgen.text.WordVectorWriter;
import textgen.text.WordVectors;

@Command(name = "vectors", mixinStandardHelpOptions = true,
        description = {"Train word vectors on a corpus with Word2Vec and write them in the word2vec text format.",
                "Chinese text gives one vector per character. This is how the built-in tang-chars vectors were made."})
final class VectorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--corpus", paramLabel = "CORPUS", defaultValue = "tang",
            description = "Built-in corpus name or text file (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "32", description = "Values per vector (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The vectors file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (dimension < 1 || epochs < 1) {
            throw new CliException("--dimension and --epochs must be at least 1.");
        }
        Corpus text = CorpusLoader.load(corpus);
        engine.apply();
        long start = System.nanoTime();
        WordVectors vectors = VectorTrainer.train(text, dimension, epochs, seed);
        WordVectorWriter.write(vectors, out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "%,d vectors of dimension %d written to %s in %.1f s.%n", vectors.words().size(), dimension, out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
