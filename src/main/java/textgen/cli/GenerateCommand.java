package textgen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.io.ModelFile;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a model, one character (or word) at a time, after a seed text.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path modelFile;

    @Option(names = "--seed", paramLabel = "TEXT", defaultValue = "",
            description = "Text to start from; the output continues it (default: start of a line).")
    String seed;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500",
            description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--rng-seed", paramLabel = "S",
            description = "Seed for the random draws: the same seed gives the same text.")
    Long rngSeed;

    @Override
    public Integer call() throws Exception {
        if (length < 0) {
            throw new CliException("--length must be 0 or more.");
        }
        Sampler sampler = sampling.sampler();
        LanguageModel model = ModelFile.load(modelFile);
        PrintWriter out = spec.commandLine().getOut();
        Generator.Run run = model.generator().start(seed, sampler, Rng.of(rngSeed));
        if (run.seedWarning() != null) {
            spec.commandLine().getErr().println("Warning: " + run.seedWarning());
            spec.commandLine().getErr().flush();
        }
        out.print(seed);
        for (int i = 0; i < length; i++) {
            out.print(run.step().get(0).text());
            if (i % 64 == 63) {
                out.flush();
            }
        }
        out.println();
        out.flush();
        return 0;
    }
}
