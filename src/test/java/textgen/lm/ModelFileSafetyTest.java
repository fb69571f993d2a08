package textgen.lm;

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
            assertRefused(file, "larger than it can be");
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
