package textgen.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.Generator;
import textgen.lm.LanguageModel;
import textgen.lm.io.ModelFile;
import textgen.sampling.Distributions;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;
import textgen.text.CharVocabulary;
import textgen.text.Vocabulary;

@Command(name = "dist", mixinStandardHelpOptions = true,
        description = "Show the next-character distribution after a seed, raw (T = 1) and as sampling would reweight it.")
final class DistCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path modelFile;

    @Option(names = "--seed", paramLabel = "TEXT", required = true, description = "The context.")
    String seed;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--show", paramLabel = "N", defaultValue = "15",
            description = "How many of the likeliest characters to list (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--json", description = "Print one JSON object with the whole distribution.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Sampler sampler = sampling.sampler();
        LanguageModel model = ModelFile.load(modelFile);
        Generator.Run run = model.generator().start(seed, sampler, Rng.seeded(0));
        if (run.seedWarning() != null) {
            spec.commandLine().getErr().println("Warning: " + run.seedWarning());
        }
        double[] raw = run.nextDistribution(0);
        double[] reweighted = sampler.distribution(raw);
        Vocabulary vocabulary = model.vocabulary();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seed", seed);
            result.put("temperature", sampler.temperature());
            result.put("topK", sampler.topK());
            result.put("topP", sampler.topP());
            result.put("entropyBits", Distributions.entropyBits(raw));
            result.put("perplexity", Distributions.perplexity(raw));
            result.put("reweightedEntropyBits", Distributions.entropyBits(reweighted));
            result.put("reweightedPerplexity", Distributions.perplexity(reweighted));
            List<Map<String, Object>> symbols = new ArrayList<>();
            for (int i : Distributions.rankDescending(raw)) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put(vocabulary.unit().equals("word") ? "word" : "char", vocabulary.symbol(i));
                if (vocabulary instanceof CharVocabulary chars) {
                    s.put("codePoint", chars.codePoint(i));
                }
                s.put("p", raw[i]);
                s.put("pT", reweighted[i]);
                symbols.add(s);
            }
            result.put("distribution", symbols);
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(result));
        } else {
            out.printf(Locale.ROOT, "After \"%s\" (%s):%n", seed.replace("\n", "↵"), sampler.describe());
            out.printf(Locale.ROOT, "  %-8s %9s %9s%n", vocabulary.unit().equals("word") ? "word" : "char", "p (T=1)", "sampled");
            int[] ranked = Distributions.rankDescending(raw);
            double restRaw = 0;
            double restReweighted = 0;
            for (int r = 0; r < ranked.length; r++) {
                int i = ranked[r];
                if (r < show) {
                    out.printf(Locale.ROOT, "  %-8s %9.4f %9.4f%n", vocabulary.label(i), raw[i], reweighted[i]);
                } else {
                    restRaw += raw[i];
                    restReweighted += reweighted[i];
                }
            }
            if (ranked.length > show) {
                out.printf(Locale.ROOT, "  %-8s %9.4f %9.4f%n", "other", restRaw, restReweighted);
            }
            out.printf(Locale.ROOT, "Entropy: %.3f bits (perplexity %.2f) raw; %.3f bits (perplexity %.2f) reweighted.%n",
                    Distributions.entropyBits(raw), Distributions.perplexity(raw),
                    Distributions.entropyBits(reweighted), Distributions.perplexity(reweighted));
        }
        out.flush();
        return 0;
    }
}
