package textgen.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.Evaluator;
import textgen.lm.LanguageModel;
import textgen.lm.io.ModelFile;
import textgen.sampling.Distributions;
import textgen.text.Corpus;
import textgen.text.CorpusLoader;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure a model's loss on a corpus's validation split, in nats and bits per character.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path modelFile;

    @Option(names = "--corpus", paramLabel = "CORPUS", required = true,
            description = "Built-in corpus name (dickens, shakespeare, tang, names) or text file.")
    String corpus;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.05",
            description = "Share of the corpus, from its end, to measure on (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Corpus text = CorpusLoader.load(corpus);
        engine.apply();
        LanguageModel model = ModelFile.load(modelFile);
        String held = text.split(validation).validation();
        long[] unknownCount = new long[1];
        model.vocabulary().encode(held, u -> unknownCount[0]++);
        long unknown = unknownCount[0];
        double nats = Evaluator.lossNats(model, held);
        if (Double.isNaN(nats)) {
            throw new CliException("The validation text of '" + text.name() + "' has too few " + model.vocabulary().unit() + "s the model knows to measure.");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("corpus", text.name());
            result.put("characters", held.codePointCount(0, held.length()));
            result.put("level", model.vocabulary().unit());
            result.put("unknownSymbols", unknown);
            result.put("lossNats", nats);
            result.put("lossBits", Distributions.natsToBits(nats));
            result.put("perplexity", Math.exp(nats));
            out.println(new Gson().toJson(result));
        } else {
            out.printf(Locale.ROOT, "Validation loss on %s (%,d characters), per %s: %s, perplexity %.2f.%n",
                    text.name(), held.codePointCount(0, held.length()), model.vocabulary().unit(), Formats.loss(nats), Math.exp(nats));
            if (unknown > 0) {
                out.printf(Locale.ROOT, "%,d %ss the model does not know were skipped or read as <unk>.%n", unknown, model.vocabulary().unit());
            }
        }
        out.flush();
        return 0;
    }
}
