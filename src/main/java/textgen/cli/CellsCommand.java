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
import textgen.lm.CellState.Quantity;
import textgen.lm.LanguageModel;
import textgen.lm.inside.CellAnalysis;
import textgen.lm.inside.Passages;
import textgen.lm.io.ModelFile;
import textgen.text.Corpus;
import textgen.text.CorpusLoader;
import textgen.text.TextFeature;
import textgen.text.TextFeatures;

@Command(name = "cells", mixinStandardHelpOptions = true,
        description = {"Find what the network's units track: it reads a passage of the corpus's held-out text, and each"
                + " unit's state is correlated with simple features of the text (inside quotes, position in the line,"
                + " parentheses, word starts, sentence ends; for Chinese verse, the position in the verse line and the"
                + " inside of a title).",
                "Prints each feature's best units, and how often each gate is saturated. --unit N prints the passage with"
                        + " that unit's value at every symbol instead."})
final class CellsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path modelFile;

    @Option(names = "--corpus", paramLabel = "CORPUS", required = true,
            description = "Built-in corpus name (dickens, shakespeare, tang, names) or text file; the start of its held-out part (its last 5%) is read.")
    String corpus;

    @Option(names = "--layer", paramLabel = "N", defaultValue = "1", description = "LSTM layer, from 1 (default: ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "20000",
            description = "Symbols of the passage (default: ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--state", paramLabel = "KIND", defaultValue = "cell",
            description = "What to correlate: cell or hidden (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--unit", paramLabel = "N", description = "Print the passage with this unit's value at each symbol.")
    Integer unit;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Quantity quantity = switch (state) {
            case "cell" -> Quantity.CELL;
            case "hidden" -> Quantity.HIDDEN;
            default -> throw new CliException("--state must be cell or hidden, not '" + state + "'.");
        };
        if (symbols < 100) {
            throw new CliException("--symbols must be at least 100.");
        }
        Corpus text = CorpusLoader.load(corpus);
        engine.apply();
        LanguageModel model = ModelFile.load(modelFile);
        if (layer < 1 || layer > model.config().layers()) {
            throw new CliException("The model has " + model.config().layers() + " layer" + (model.config().layers() == 1 ? "" : "s")
                    + "; --layer must lie between 1 and " + model.config().layers() + ".");
        }
        if (unit != null && (unit < 0 || unit >= model.config().units())) {
            throw new CliException("The model's layers have units 0 to " + (model.config().units() - 1) + "; --unit " + unit + " is not one.");
        }
        Passages.Passage read = Passages.heldOut(model.vocabulary(), text, symbols);
        int[] passage = read.symbols();
        List<TextFeature> features = TextFeatures.forText(model.vocabulary().symbols(passage));
        CellAnalysis.Result result = CellAnalysis.analyze(model.snapshotWeights(), model.vocabulary(), passage, layer - 1,
                quantity, features, share -> { }, () -> false);
        PrintWriter out = spec.commandLine().getOut();
        if (unit != null) {
            printUnit(out, result, unit);
        } else if (json) {
            out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(summary(result, text, read)));
        } else {
            printSummary(out, result, read.describe(text.name()));
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> summary(CellAnalysis.Result result, Corpus text, Passages.Passage read) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelFile.toString());
        json.put("corpus", text.name());
        json.put("layer", result.layer() + 1);
        json.put("state", state);
        json.put("symbols", result.symbols().size());
        json.put("heldOutSymbols", read.heldOut());
        List<Map<String, Object>> features = new ArrayList<>();
        result.best().forEach((feature, best) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("feature", feature.name());
            f.put("best", best);
            features.add(f);
        });
        json.put("features", features);
        json.put("gates", result.gates());
        return json;
    }

    private void printSummary(PrintWriter out, CellAnalysis.Result result, String source) {
        out.printf(Locale.ROOT, "Layer %d, %s, over %,d symbols of %s.%n", result.layer() + 1,
                result.quantity().label(), result.symbols().size(), source);
        result.best().forEach((feature, best) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-32s", feature.name()));
            if (best.isEmpty()) {
                line.append("(not in this passage)");
            }
            for (CellAnalysis.UnitScore score : best) {
                line.append(String.format(Locale.ROOT, "  unit %d (r = %+.2f)", score.unit(), score.r()));
            }
            out.println(line);
        });
        CellAnalysis.GateSaturation g = result.gates();
        out.println("Gates: units whose gate is closed (< 0.1) or open (> 0.9) more than half the time:");
        out.printf(Locale.ROOT, "  input   %d closed, %d open%n", over(g.inputClosed()), over(g.inputOpen()));
        out.printf(Locale.ROOT, "  forget  %d closed, %d open%n", over(g.forgetClosed()), over(g.forgetOpen()));
        out.printf(Locale.ROOT, "  output  %d closed, %d open%n", over(g.outputClosed()), over(g.outputOpen()));
    }

    private static long over(double[] shares) {
        return java.util.Arrays.stream(shares).filter(s -> s > 0.5).count();
    }

    /** One line per symbol, tab-separated: its position, the symbol (escaped), the unit's value. */
    private void printUnit(PrintWriter out, CellAnalysis.Result result, int unitIndex) {
        double[] values = result.unitValues(unitIndex);
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("unit", unitIndex);
            j.put("layer", result.layer() + 1);
            j.put("state", state);
            j.put("symbols", result.symbols());
            j.put("values", values);
            out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(j));
            return;
        }
        out.printf(Locale.ROOT, "# unit %d of layer %d, %s, at each symbol%n", unitIndex, result.layer() + 1, result.quantity().label());
        for (int t = 0; t < values.length; t++) {
            String symbol = result.symbols().get(t).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
            out.printf(Locale.ROOT, "%d\t%s\t%.4f%n", t, symbol, values[t]);
        }
    }
}
