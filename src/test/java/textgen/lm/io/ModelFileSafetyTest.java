package textgen.lm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.lm.DeserializationGuard;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.NetworkFactory;
import textgen.lm.TinyModels;
import textgen.lm.WordModelTest;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;

/** Model files are untrusted input: every kind of damage is refused with a message, nothing else happens. */
class ModelFileSafetyTest {

    private static LanguageModel model;
    private static byte[] good;
    private static byte[] goodWords; // a word model's file
    private static Map<String, byte[]> goodEntries;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveAGoodModel(@TempDir Path tmp) throws Exception {
        model = TinyModels.trained(1);
        Path file = tmp.resolve("good.tgm");
        ModelFile.save(model, file);
        good = Files.readAllBytes(file);
        Path words = tmp.resolve("words.tgm");
        ModelFile.save(LanguageModel.createWordModel(WordModelTest.CONFIG, new textgen.text.Corpus("w", WordModelTest.TEXT),
                WordModelTest.vectors(4), 50, true), words);
        goodWords = Files.readAllBytes(words);
        goodEntries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                goodEntries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    @Test
    void aZeroByteFileIsRefused() throws Exception {
        assertRefused(Files.write(dir.resolve("empty.tgm"), new byte[0]), "not a zip archive");
    }

    @Test
    void eachMissingEntryIsNamed() throws Exception {
        for (String entry : List.of(ModelFile.MANIFEST, ModelFile.CONFIG, ModelFile.VOCABULARY, ModelFile.HISTORY, ModelFile.PARAMETERS)) {
            Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
            entries.remove(entry);
            assertRefused(zip("without-" + entry, entries), "has no " + entry);
        }
    }

    @Test
    void extraEntriesAndPathsOutOfTheFolderAreRefusedAndNothingIsWritten() throws Exception {
        for (String extra : List.of("readme.txt", "../../evil.sh", "/tmp/evil.sh", "parameters.bin/../x")) {
            Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
            entries.put(extra, "#!/bin/sh\necho gotcha\n".getBytes());
            assertRefused(zip("extra.tgm", entries), "that a TextGen model does not have");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("extra.tgm"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(dir.resolve("../../evil.sh").normalize()));
    }

    @Test
    void aZipBombIsRefusedWithoutInflatingIt() throws Exception {
        // 512 MB of zeros compress to about half a megabyte.
        for (String entry : List.of(ModelFile.VOCABULARY, ModelFile.PARAMETERS)) {
            Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
            entries.remove(entry);
            Path file = dir.resolve("bomb.tgm");
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(entry));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 512; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
            assertTrue(Files.size(file) < 4 << 20, "the bomb is small on disk");
            long before = usedHeap();
            // The weights' header already says too much; a text entry is found out while it is read.
            assertRefused(file, entry.equals(ModelFile.PARAMETERS) ? "but its network needs" : "larger than it can be");
            assertTrue(usedHeap() - before < 100 << 20, "did not inflate it into memory");
        }
    }

    @Test
    void weightsThatAreNotNumbersAreRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        byte[] params = entries.get(ModelFile.PARAMETERS).clone();
        ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        entries.put(ModelFile.PARAMETERS, params);
        assertRefused(zip("nan.tgm", entries), "not numbers");
    }

    @Test
    void aFutureFormatAndAnUnknownLevelAreRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        String manifest = new String(entries.get(ModelFile.MANIFEST));
        entries.put(ModelFile.MANIFEST, manifest.replace("\"char\"", "\"sentence\"").getBytes());
        assertRefused(zip("level.tgm", entries), "cannot open");
    }

    @Test
    void aSmallFileClaimingALargeNetworkIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // Within every cap: 4 layers of 1,536 units, about 75 million weights, and a consistent manifest.
        NetworkConfig big = model.config().withLayers(4).withUnits(1536);
        long claimed = NetworkFactory.parameterCount(big, model.vocabulary().size());
        assertTrue(claimed < ModelFile.MAX_PARAMETERS);
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.put(ModelFile.CONFIG, json(entries.get(ModelFile.CONFIG), "\"layers\": \\d+", "\"layers\": 4",
                "\"units\": \\d+", "\"units\": 1536"));
        entries.put(ModelFile.MANIFEST, json(entries.get(ModelFile.MANIFEST), "\"parameterCount\": \\d+", "\"parameterCount\": " + claimed));
        Path file = zip("claims-big.tgm", entries);
        assertTrue(Files.size(file) < 1 << 20);
        long residentBefore = org.bytedeco.javacpp.Pointer.physicalBytes();
        assertRefused(file, "but its network needs " + claimed * 4);
        long grown = org.bytedeco.javacpp.Pointer.physicalBytes() - residentBefore;
        assertTrue(grown < 100 << 20, "the process grew by " + (grown >> 20) + " MB refusing it");
    }

    @Test
    void anEntryNamedTwiceIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.put("history.jsoX", entries.get(ModelFile.HISTORY));
        byte[] bytes = Files.readAllBytes(zip("twice.tgm", entries));
        // Zip writers refuse a name twice, so rename the extra entry in place, in both of its headers.
        Path file = Files.write(dir.resolve("twice.tgm"), replaceAll(bytes, "history.jsoX", ModelFile.HISTORY));
        assertRefused(file, "holds the entry history.json twice");
    }

    @Test
    void entriesClaimingMoreThanAModelCanHoldAreRefusedUnread() throws Exception {
        byte[] bytes = Files.readAllBytes(zip("claims.tgm", goodEntries));
        // The central directory's uncompressed size of history.json, made 4 GB.
        int header = centralHeaderOf(bytes, ModelFile.HISTORY);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(header + 24, 0xFFFF_FFF0);
        assertRefused(Files.write(dir.resolve("claims.tgm"), bytes), "more than a model this app opens can hold");
    }

    @Test
    void aVocabularyOfOneSymbolIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        String vocabulary = new String(entries.get(ModelFile.VOCABULARY), java.nio.charset.StandardCharsets.UTF_8);
        entries.put(ModelFile.VOCABULARY, vocabulary.lines().limit(1).map(l -> l + "\n").findFirst().orElseThrow().getBytes());
        assertRefused(zip("one-symbol.tgm", entries), "needs at least two");
    }

    @Test
    void aHistoryTrainingCannotWriteIsRefusedSoResumingNeverMeetsIt() throws Exception {
        String[][] cases = {
            {"[null]", "empty entry"},
            {"[{\"epoch\": 1, \"trainLossNats\": Infinity, \"validationLossNats\": 1.0, \"seconds\": 1}]", "epoch 1"},
            {"[{\"epoch\": 1, \"trainLossNats\": NaN, \"validationLossNats\": 1.0, \"seconds\": 1}]", "epoch 1"},
            {"[{\"epoch\": 2, \"trainLossNats\": 1.0, \"validationLossNats\": 1.0, \"seconds\": 1},"
                    + " {\"epoch\": 1, \"trainLossNats\": 1.0, \"validationLossNats\": 1.0, \"seconds\": 1}]", "epoch 1"},
            {"[{\"epoch\": 1, \"trainLossNats\": 1.0, \"validationLossNats\": -Infinity, \"seconds\": 1}]", "epoch 1"},
            {"[{\"epoch\": 1, \"trainLossNats\": 1.0, \"validationLossNats\": 1.0, \"seconds\": -5}]", "epoch 1"},
        };
        for (String[] c : cases) {
            Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
            entries.put(ModelFile.HISTORY, c[0].getBytes());
            assertRefused(zip("history.tgm", entries), c[1]);
        }
        // No validation text gives NaN there, and that is a history training writes.
        Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
        entries.put(ModelFile.HISTORY, "[{\"epoch\": 1, \"trainLossNats\": 1.0, \"validationLossNats\": NaN, \"seconds\": 1}]".getBytes());
        LanguageModel loaded = ModelFile.load(zip("no-validation.tgm", entries));
        new Trainer(loaded, TinyModels.corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(1);
        assertEquals(2, loaded.epochsTrained());
    }

    @Test
    void pipesAndDevicesAreRefusedWithoutReading() throws Exception {
        Path fifo = dir.resolve("pipe.tgm");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertRefused(fifo, "not a file but a device, pipe or socket");
        assertRefused(Path.of("/dev/zero"), "not a file but a device, pipe or socket");
    }

    private static byte[] json(byte[] entry, String... replacements) {
        String text = new String(entry, java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replaceAll(replacements[i], replacements[i + 1]);
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes();
        byte[] t = to.getBytes();
        byte[] result = bytes.clone();
        for (int i = 0; i + f.length <= result.length; i++) {
            if (java.util.Arrays.equals(result, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, result, i, t.length);
            }
        }
        return result;
    }

    /** Where the central directory header of {@code entry} starts. */
    private static int centralHeaderOf(byte[] zip, String entry) {
        byte[] name = entry.getBytes();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && (b.getShort(i + 28) & 0xFFFF) == name.length
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + name.length, name, 0, name.length)) {
                return i;
            }
        }
        throw new AssertionError("no central header for " + entry);
    }

    /**
     * A few hundred damaged copies of a good file (character and word models alike): random bytes changed, cut short, or junk of
     * random length. Each either loads into a model that generates finite distributions, or is
     * refused with a {@link ModelFileException}; nothing else may escape.
     */
    @Test
    void damagedCopiesAreEitherRefusedOrStillAGoodModel() throws Exception {
        Random random = new Random(20261128);
        int refused = 0;
        int loaded = 0;
        for (int i = 0; i < 300; i++) {
            byte[] original = i % 2 == 0 ? good : goodWords;
            byte[] bytes;
            switch (i % 3) {
                case 0 -> {
                    bytes = original.clone();
                    for (int k = 1 + random.nextInt(8); k > 0; k--) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> bytes = java.util.Arrays.copyOf(original, random.nextInt(original.length));
                default -> {
                    bytes = new byte[random.nextInt(4096)];
                    random.nextBytes(bytes);
                    if (bytes.length > 4) {
                        bytes[0] = 'P'; // a zip's magic number, so the zip reader gets further
                        bytes[1] = 'K';
                        bytes[2] = 3;
                        bytes[3] = 4;
                    }
                }
            }
            Path file = Files.write(dir.resolve("fuzz.tgm"), bytes);
            try {
                LanguageModel m = ModelFile.load(file);
                double[] next = m.generator().start("the ", Sampler.multinomial(), Rng.seeded(1)).nextDistribution(0);
                for (double p : next) {
                    assertTrue(Double.isFinite(p), "case " + i + " loaded but gives " + p);
                }
                loaded++;
            } catch (ModelFileException e) {
                assertFalse(e.getMessage().isBlank());
                assertFalse(e.getMessage().contains("Exception"), "case " + i + ": " + e.getMessage());
                refused++;
            } catch (Throwable t) {
                fail("case " + i + " escaped as " + t, t);
            }
        }
        assertTrue(refused > 200, refused + " refused, " + loaded + " loaded");
    }

    /**
     * The same, with the damage inside the entries of a well-formed zip, so that it reaches every
     * parser: characters of the JSON and the vocabulary changed, cut or repeated, numbers made
     * huge, negative or not numbers, and entries dropped, doubled in size or emptied.
     */
    @Test
    void damagedEntriesAreEitherRefusedOrStillAGoodModel() throws Exception {
        Random random = new Random(20261202);
        List<String> names = new ArrayList<>(goodEntries.keySet());
        String[] numbers = {"0", "-1", "1e308", "NaN", "Infinity", "null", "2147483648", "\"x\"", "0.5"};
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries);
            String entry = names.get(random.nextInt(names.size()));
            byte[] bytes = entries.get(entry);
            switch (i % 5) {
                case 0 -> { // a number in a text entry replaced
                    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    var m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(text);
                    List<int[]> spans = new ArrayList<>();
                    while (m.find()) {
                        spans.add(new int[] {m.start(), m.end()});
                    }
                    if (!spans.isEmpty()) {
                        int[] span = spans.get(random.nextInt(spans.size()));
                        text = text.substring(0, span[0]) + numbers[random.nextInt(numbers.length)] + text.substring(span[1]);
                    }
                    entries.put(entry, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                case 1 -> { // a few bytes changed
                    byte[] changed = bytes.clone();
                    for (int k = 1 + random.nextInt(4); k > 0 && changed.length > 0; k--) {
                        changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                    }
                    entries.put(entry, changed);
                }
                case 2 -> entries.put(entry, java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
                case 3 -> { // repeated
                    byte[] doubled = java.util.Arrays.copyOf(bytes, bytes.length * 2);
                    System.arraycopy(bytes, 0, doubled, bytes.length, bytes.length);
                    entries.put(entry, doubled);
                }
                default -> entries.remove(entry);
            }
            Path file = zip("entries.tgm", entries);
            try {
                LanguageModel m = ModelFile.load(file);
                double[] next = m.generator().start("the ", Sampler.multinomial(), Rng.seeded(1)).nextDistribution(0);
                for (double p : next) {
                    assertTrue(Double.isFinite(p), "case " + i + " loaded but gives " + p);
                }
                new Trainer(m, TinyModels.corpus().split(), e -> { }, new TrainingControl()).sampleLength(0).run(1);
            } catch (ModelFileException e) {
                assertFalse(e.getMessage().isBlank());
                assertFalse(e.getMessage().contains("Exception"), "case " + i + ": " + e.getMessage());
                refused++;
            } catch (TrainingException e) {
                assertFalse(e.getMessage().contains("Exception"), "case " + i + ": " + e.getMessage());
            } catch (Throwable t) {
                fail("case " + i + " (" + entry + ") escaped as " + t, t);
            }
        }
        assertTrue(refused > 150, refused + " refused");
    }

    @Test
    void loadingAndTrainingNeverDeserializeJavaObjects() throws Exception {
        DeserializationGuard.install();
        long before = DeserializationGuard.rejectedCount();
        Path file = Files.write(dir.resolve("good.tgm"), good);
        LanguageModel loaded = ModelFile.load(file);
        new Trainer(loaded, TinyModels.corpus().split(), e -> { }, new TrainingControl()).sampleLength(20).run(1);
        ModelFile.save(loaded, file);
        assertEquals(before, DeserializationGuard.rejectedCount(), "no class was deserialized");

        // And the guard really refuses when something tries.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(1, 2)));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThrows(InvalidClassException.class, in::readObject);
        }
        assertTrue(DeserializationGuard.rejectedCount() > before);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void assertRefused(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
