package textgen.cli;

import picocli.CommandLine.Option;
import textgen.lm.NativeThreads;

/** Options every command that runs the network shares. */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "Native threads for the network (default: ${DEFAULT-VALUE}; 1 on machines of 2 cores or fewer).")
    int threads = NativeThreads.defaultCount();

    void apply() {
        NativeThreads.set(threads);
    }
}
