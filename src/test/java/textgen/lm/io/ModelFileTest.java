package textgen.lm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.lm.Embedding;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.NetworkFactory;
import textgen.lm.TinyModels;
import textgen.lm.training.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;

class ModelFileTest {

    private static LanguageModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws TrainingException {
        model = TinyModels.trained(3);
    }

    @Test
    void saveLoadGenerateGivesTheSameText() throws Exception {
        Path file = dir.resolve("m.tgm");
        ModelFile.save(model, file);
        LanguageModel loaded = ModelFile.load(file);
        assertEquals(model.vocabulary(), loaded.vocabulary());
        assertEquals(model.config(), loaded.config());
        assertEquals(model.history(), loaded.history());
        assertEquals("tiny", loaded.corpusName());
        assertEquals(model.network().params(), loaded.network().params());
        assertEquals(model.network().getUpdater().getStateViewArray(), loaded.network().getUpdater().getStateViewArray());
        Sampler sampler = Sampler.withTemperature(1.0);
        assertEquals(model.generator().generate("the ", sampler, 300, Rng.seeded(11)),
                loaded.generator().generate("the ", sampler, 300, Rng.seeded(11)));
    }

    @Test
    void aFileWithoutOptimizerStateIsSmallerAndStillGenerates() throws Exception {
        Path full = dir.resolve("full.tgm");
        Path compact = dir.resolve("compact.tgm");
        ModelFile.save(model, full);
        ModelFile.save(model, compact, false);
        assertTrue(Files.size(compact) < 0.7 * Files.size(full), Files.size(compact) + " vs " + Files.size(full));
        LanguageModel loaded = ModelFile.load(compact);
        assertEquals(model.network().params(), loaded.network().params());
        assertEquals(model.generator().generate("the ", Sampler.multinomial(), 100, Rng.seeded(5)),
                loaded.generator().generate("the ", Sampler.multinomial(), 100, Rng.seeded(5)));
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("m.tgm");
        Files.writeString(file, "an older file");
        ModelFile.save(model, file);
        ModelFile.load(file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aTruncatedFileIsRejected() throws Exception {
        Path file = dir.resolve("m.tgm");
        ModelFile.save(model, file);
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, bytes.length / 2, bytes.length - 30}) {
            Path cut = Files.write(dir.resolve("cut" + length + ".tgm"), Arrays.copyOf(bytes, length));
            assertRejected(cut, "is not a TextGen model file");
        }
    }

    @Test
    void otherFilesAreRejected() throws Exception {
        assertRejected(Files.writeString(dir.resolve("notes.txt"), "just some text"), "is not a TextGen model file");
        assertRejected(dir.resolve("missing.tgm"), "There is no model file");
        assertRejected(dir, "is a folder");
        assertRejected(zip("other.zip", Map.of("readme.txt", "hello")), "that a TextGen model does not have");
        assertRejected(zip("wrongformat.zip", Map.of("manifest.json", "{\"format\":\"something-else\",\"formatVersion\":1}")),
                "not a TextGen model");
        assertRejected(zip("badjson.zip", Map.of("manifest.json", "{not json")), "not valid JSON");
    }

    @Test
    void aFileFromANewerVersionIsRejectedClearly() throws Exception {
        Path file = rewrite("future.tgm", "manifest.json", s -> s.replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        assertRejected(file, "newer version");
    }

    @Test
    void aVocabularyThatDisagreesWithTheNetworkIsRejected() throws Exception {
        Path file = rewrite("mismatch.tgm", "vocabulary.tsv", s -> s + "65000\t1\n");
        assertRejected(file, "weights");
    }

    @Test
    void damagedWeightsAreRejected() throws Exception {
        Path file = rewrite("short.tgm", "parameters.bin", s -> s.substring(0, s.length() - 3));
        assertRejected(file, "damaged");
    }

    @Test
    void oversizedWeightsAreRejected() throws Exception {
        assertRejected(rewrite("long.tgm", "parameters.bin", s -> s + "\0".repeat(4000)), "but its network needs");
    }

    @Test
    void aConfigurationClaimingAHugeNetworkIsRejectedBeforeBuildingIt() throws Exception {
        Path file = rewrite("huge.tgm", "config.json", s -> s.replaceAll("\"units\": \\d+", "\"units\": 4096")
                .replaceAll("\"layers\": \\d+", "\"layers\": 8"));
        assertRejected(file, "need");
        long huge = NetworkFactory.parameterCount(TinyModels.CONFIG.withUnits(4096).withLayers(8), 100);
        assertTrue(huge > ModelFile.MAX_PARAMETERS, "the cap would refuse it too: " + huge);
    }

    @Test
    void theParameterCountIsKnownWithoutBuildingTheNetwork() {
        for (NetworkConfig c : new NetworkConfig[] {NetworkConfig.DEFAULT, TinyModels.CONFIG.withLayers(3), TinyModels.CONFIG.withUnits(7)}) {
            assertEquals(NetworkFactory.build(c, 33).numParams(), NetworkFactory.parameterCount(c, 33));
            assertEquals(NetworkFactory.build(c, 33).getUpdater().getStateViewArray().length(),
                    NetworkFactory.updaterStateSize(c, 33, null));
        }
        for (boolean frozen : new boolean[] {true, false}) {
            Embedding embedding = new Embedding("v", 6, 100, 20, frozen);
            var network = NetworkFactory.build(TinyModels.CONFIG, 40, embedding);
            assertEquals(network.numParams(), NetworkFactory.parameterCount(TinyModels.CONFIG, 40, 6));
            assertEquals(network.getUpdater().getStateViewArray().length(), NetworkFactory.updaterStateSize(TinyModels.CONFIG, 40, embedding),
                    frozen ? "frozen vectors keep no optimiser state" : "fine-tuned vectors do");
        }
    }

    @Test
    void filesFromBeforeLearningRateDecayLoadWithAConstantRate() throws Exception {
        Path withDecay = rewrite("decay.tgm", "config.json",
                s -> s.replaceAll("\"learningRateDecay\": [0-9.]+", "\"learningRateDecay\": 0.25"));
        assertEquals(0.25, ModelFile.load(withDecay).config().learningRateDecay());
        Path older = rewrite("older.tgm", "config.json", s -> s.replaceAll("\\s*\"learningRateDecay\": [0-9.]+,", ""));
        assertFalse(new String(unzipEntry(older, "config.json"), StandardCharsets.UTF_8).contains("learningRateDecay"));
        LanguageModel loaded = ModelFile.load(older);
        assertEquals(0, loaded.config().learningRateDecay());
        assertEquals(model.config().withLearningRateDecay(0), loaded.config());
    }

    private static void assertRejected(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] unzipEntry(Path file, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getInputStream(zip.getEntry(entry)).readAllBytes();
        }
    }

    /** A copy of a good model file with one entry changed (entries handled as ISO-8859-1 text, byte for byte). */
    private Path rewrite(String name, String entry, java.util.function.UnaryOperator<String> change) throws IOException {
        Path good = dir.resolve("good-" + name);
        ModelFile.save(model, good);
        Path file = dir.resolve(name);
        try (ZipFile in = new ZipFile(good.toFile());
             OutputStream os = Files.newOutputStream(file);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                String content = new String(in.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write((e.getName().equals(entry) ? change.apply(content) : content).getBytes(StandardCharsets.ISO_8859_1));
                out.closeEntry();
            }
        }
        return file;
    }
}
