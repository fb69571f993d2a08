package textgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the command line as a user would and checks what it prints and returns. */
class CliTest {

    @TempDir
    static Path dir;

    private static Path model;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TextGenCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainASmallModel() {
        model = dir.resolve("names.tgm");
        Result r = run("train", "--corpus", "names", "--epochs", "2", "--units", "32", "--seq-length", "20",
                "--batch-size", "32", "--sample-length", "40", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("epoch 1/2"), r.out());
        assertTrue(r.out().contains("epoch 2/2"), r.out());
        assertTrue(r.out().contains("T=1.2:"), r.out());
        // Piped (as here), progress comes as plain lines, and a live sample with the seed in brackets.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  epoch 1/2  batch 1/\\d+  loss \\d\\.\\d{3}  [\\d,]+ chars/s  .* left")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  0\\.\\d\\d epochs  loss \\d\\.\\d{3}  T=0\\.5  \\[.+\\].{10,}")), r.out());
        assertFalse(r.out().contains("\r"), "no terminal line rewriting when piped");
        assertTrue(Files.exists(model));
    }

    @Test
    void generateIsReproducibleWithAnRngSeed() {
        Result a = run("generate", "--model", model.toString(), "--seed", "Ann", "--temperature", "0.8",
                "--length", "100", "--rng-seed", "7");
        Result b = run("generate", "--model", model.toString(), "--seed", "Ann", "-t", "0.8",
                "--length", "100", "--rng-seed", "7");
        Result c = run("generate", "--model", model.toString(), "--seed", "Ann", "-t", "0.8",
                "--length", "100", "--rng-seed", "8");
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(a.out().startsWith("Ann"));
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
        assertEquals(3 + 100, a.out().strip().codePointCount(0, a.out().strip().length()), a.out());
    }

    @Test
    void generateWarnsAboutUnknownSeedCharacters() {
        Result r = run("generate", "--model", model.toString(), "--seed", "Ann€", "--length", "5", "--top-k", "3");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains("'€' (U+20AC)"), r.err());
    }

    @Test
    void distPrintsRawAndReweightedDistributionsAsJson() {
        Result cold = run("dist", "--model", model.toString(), "--seed", "Mar", "--temperature", "0.3", "--json");
        Result hot = run("dist", "--model", model.toString(), "--seed", "Mar", "--temperature", "1.5", "--json");
        assertEquals(0, cold.exitCode(), cold.err());
        JsonObject c = JsonParser.parseString(cold.out()).getAsJsonObject();
        JsonObject h = JsonParser.parseString(hot.out()).getAsJsonObject();
        assertEquals(c.get("entropyBits").getAsDouble(), h.get("entropyBits").getAsDouble(), 1e-12);
        assertTrue(c.get("reweightedEntropyBits").getAsDouble() < h.get("reweightedEntropyBits").getAsDouble());
        var symbols = c.getAsJsonArray("distribution");
        double sum = 0;
        for (var s : symbols) {
            sum += s.getAsJsonObject().get("pT").getAsDouble();
        }
        assertEquals(1, sum, 1e-9);
    }

    @Test
    void distPrintsATableForPeople() {
        Result r = run("dist", "--model", model.toString(), "--seed", "Ann", "--show", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("other"), r.out());
        assertTrue(r.out().contains("Entropy:"), r.out());
    }

    @Test
    void evalReportsNatsAndBits() {
        Result r = run("eval", "--model", model.toString(), "--corpus", "names", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        double nats = o.get("lossNats").getAsDouble();
        assertTrue(nats > 0 && nats < Math.log(60), "loss " + nats);
        assertEquals(nats / Math.log(2), o.get("lossBits").getAsDouble(), 1e-9);
    }

    @Test
    void cellsRanksUnitsAndPrintsTheValuesThatGiveTheirCorrelation() {
        Result ranked = run("cells", "--model", model.toString(), "--corpus", "names", "--symbols", "3000", "--json");
        assertEquals(0, ranked.exitCode(), ranked.err());
        JsonObject o = JsonParser.parseString(ranked.out()).getAsJsonObject();
        assertEquals(3000, o.get("symbols").getAsInt());
        JsonObject line = null;
        for (var f : o.getAsJsonArray("features")) {
            if (f.getAsJsonObject().get("feature").getAsString().equals("position in the line")) {
                line = f.getAsJsonObject();
            }
        }
        assertTrue(line != null, ranked.out());
        JsonObject best = line.getAsJsonArray("best").get(0).getAsJsonObject();
        int unit = best.get("unit").getAsInt();
        double r = best.get("r").getAsDouble();
        for (int units = 1; units < line.getAsJsonArray("best").size(); units++) {
            double next = line.getAsJsonArray("best").get(units).getAsJsonObject().get("r").getAsDouble();
            assertTrue(Math.abs(next) <= Math.abs(r), "strongest first: " + line);
        }

        // The unit's own values, printed with --unit, give that correlation with the line position.
        Result values = run("cells", "--model", model.toString(), "--corpus", "names", "--symbols", "3000",
                "--unit", Integer.toString(unit), "--json");
        assertEquals(0, values.exitCode(), values.err());
        JsonObject v = JsonParser.parseString(values.out()).getAsJsonObject();
        java.util.List<String> symbols = new java.util.ArrayList<>();
        v.getAsJsonArray("symbols").forEach(e -> symbols.add(e.getAsString()));
        double[] position = textgen.text.TextFeatures.LINE_POSITION.of(symbols);
        double[] unitValues = new double[symbols.size()];
        for (int t = 0; t < unitValues.length; t++) {
            unitValues[t] = v.getAsJsonArray("values").get(t).getAsDouble();
        }
        int warmUp = textgen.lm.inside.CellAnalysis.WARM_UP;
        assertEquals(r, pearson(java.util.Arrays.copyOfRange(position, warmUp, position.length),
                java.util.Arrays.copyOfRange(unitValues, warmUp, unitValues.length)), 1e-4);

        Result badLayer = run("cells", "--model", model.toString(), "--corpus", "names", "--layer", "2");
        assertEquals(1, badLayer.exitCode());
        assertEquals("Error: The model has 1 layer; --layer must lie between 1 and 1.", badLayer.err().strip());
    }

    private static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void resumeContinuesTheEpochCount() throws Exception {
        Path copy = Files.copy(model, dir.resolve("resume.tgm"));
        Result r = run("train", "--corpus", "names", "--epochs", "1", "--resume", copy.toString(),
                "--sample-length", "0", "--out", copy.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("epoch 3/3"), r.out());
    }

    @Test
    void checkpointsRotateKeepingTheNewest() throws Exception {
        Path folder = dir.resolve("ckpt");
        Result r = run("train", "--corpus", "names", "--epochs", "3", "--units", "8", "--seq-length", "10",
                "--sample-length", "0", "--checkpoints", folder.toString(), "--keep", "2", "--out", dir.resolve("n.tgm").toString());
        assertEquals(0, r.exitCode(), r.err());
        try (var files = Files.list(folder)) {
            assertEquals(java.util.List.of("n-epoch-002.tgm", "n-epoch-003.tgm"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void errorsAreOneClearSentenceWithoutAStackTrace() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.tgm"), "not a model");
        Result r = run("generate", "--model", junk.toString());
        assertEquals(1, r.exitCode());
        assertEquals("Error: 'junk.tgm' is not a TextGen model file: it is not a zip archive, or it is damaged or incomplete.",
                r.err().strip());

        Result missing = run("train", "--corpus", dir.resolve("nope.txt").toString(), "--out", dir.resolve("x.tgm").toString());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.err().contains("not a built-in corpus name"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());

        Result badT = run("generate", "--model", model.toString(), "--temperature", "-1");
        assertNotEquals(0, badT.exitCode());
        assertTrue(badT.err().contains("Temperature must be"), badT.err());
        assertFalse(badT.err().contains("\tat "));

        Result verbose = run("generate", "--model", junk.toString(), "--verbose");
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    }

    @Test
    void oddInputGivesADefinedResultOrAClearRefusal() throws Exception {
        Path same = Files.writeString(dir.resolve("aaa.txt"), "a".repeat(300));
        Result one = run("train", "--corpus", same.toString(), "--out", dir.resolve("a.tgm").toString());
        assertEquals(2, one.exitCode());
        assertTrue(one.err().contains("only one distinct character"), one.err());

        Path text = Files.writeString(dir.resolve("t.txt"), "a text to train on while the slider moves. ".repeat(100));
        Result exploded = run("train", "--corpus", text.toString(), "--units", "24", "--learning-rate", "1",
                "--out", dir.resolve("e.tgm").toString());
        assertEquals(1, exploded.exitCode());
        assertTrue(exploded.err().contains("lower learning rate, such as 0.33"), exploded.err());

        for (String[] sampling : new String[][] {{"--top-k", "100000"}, {"--top-p", "0"}, {"--top-p", "1"}, {"-t", "0"}}) {
            Result r = run("generate", "--model", model.toString(), "--length", "30", "--rng-seed", "1", sampling[0], sampling[1]);
            assertEquals(0, r.exitCode(), String.join(" ", sampling) + ": " + r.err());
            assertTrue(r.out().strip().length() >= 30, r.out());
        }
        Result greedy = run("generate", "--model", model.toString(), "--length", "30", "--rng-seed", "1", "--top-p", "0");
        Result greedy2 = run("generate", "--model", model.toString(), "--length", "30", "--rng-seed", "2", "-t", "0");
        assertEquals(greedy.out(), greedy2.out(), "top-p 0 keeps only the likeliest, as T = 0 does");
        for (String t : new String[] {"NaN", "-0.5", "Infinity"}) {
            Result r = run("generate", "--model", model.toString(), "-t", t);
            assertEquals(2, r.exitCode(), t);
            assertTrue(r.err().contains("Temperature must be"), r.err());
        }
    }

    @Test
    void wordLevelTrainsOnAVectorsFileAndGeneratesWords() throws Exception {
        Path corpus = Files.writeString(dir.resolve("words.txt"), "the cat sat on the mat. the dog sat on the log.\n".repeat(40));
        StringBuilder vectors = new StringBuilder("7 4\n");
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "."};
        for (int i = 0; i < words.length; i++) {
            vectors.append(words[i]).append(String.format(java.util.Locale.ROOT, " %.3f %.3f %.3f %.3f%n", i * 0.1, -i * 0.05, 0.3, i % 2 * 0.2));
        }
        Path vec = Files.writeString(dir.resolve("tiny.vec"), vectors.toString());
        Path out = dir.resolve("w.tgm");
        Result train = run("train", "--corpus", corpus.toString(), "--level", "word", "--vectors", vec.toString(), "--units", "16",
                "--seq-length", "10", "--batch-size", "8", "--epochs", "2", "--sample-length", "8", "--out", out.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("7 of the corpus's 8 distinct words have a vector; 1 have none"), train.out());
        assertTrue(train.out().contains("4-dimensional frozen vectors"), train.out());

        Result gen = run("generate", "--model", out.toString(), "--seed", "the cat", "--length", "12", "--rng-seed", "3");
        assertEquals(0, gen.exitCode(), gen.err());
        assertTrue(gen.out().strip().split(" +").length >= 10, "words with spaces: " + gen.out());

        Result dist = run("dist", "--model", out.toString(), "--seed", "the cat", "--json");
        assertEquals(0, dist.exitCode(), dist.err());
        assertTrue(dist.out().contains("\"word\":\"sat\""), dist.out());

        Result missing = run("train", "--corpus", corpus.toString(), "--level", "word", "--out", out.toString());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.err().contains("needs --vectors"), missing.err());
        Result prose = run("train", "--corpus", corpus.toString(), "--level", "word", "--vectors", corpus.toString(), "--out", out.toString());
        assertNotEquals(0, prose.exitCode());
        assertTrue(prose.err().contains("not a word-vectors text file"), prose.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "generate", "dist", "eval", "bench", "vectors"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.exitCode());
            assertTrue(r.out().startsWith("Usage: textgen " + command), r.out());
        }
        Result top = run("--help");
        assertTrue(top.out().contains("generate"));
    }
}
