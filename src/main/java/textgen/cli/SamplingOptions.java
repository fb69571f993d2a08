package textgen.cli;

import picocli.CommandLine.Option;
import textgen.sampling.Sampler;

/** Temperature, top-k and top-p, shared by the commands that sample. */
final class SamplingOptions {

    @Option(names = {"-t", "--temperature"}, paramLabel = "T", defaultValue = "1.0",
            description = "Softmax temperature; 0 always takes the likeliest character (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Keep only the K likeliest characters; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1.0",
            description = "Keep the fewest likeliest characters whose probability adds up to P; 1 keeps all (default: ${DEFAULT-VALUE}).")
    double topP;

    Sampler sampler() {
        return new Sampler(temperature, topK, topP);
    }
}
