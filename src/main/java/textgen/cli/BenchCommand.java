package textgen.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import textgen.lm.Benchmarks;
import textgen.text.BuiltInCorpus;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine's speed on this machine: matrix-multiply rate, training timesteps per second",
                "for the default network at batch 64 and 128, and generation speed for 1 and 4 streams. Takes about a minute."})
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

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new CliException("--repeats must be at least 1.");
        }
        engine.apply();
        String text = BuiltInCorpus.DICKENS.load().text();
        Map<String, Object> result = new Benchmarks(text, repeats, engine.threads).run();
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
