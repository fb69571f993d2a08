package textgen.lm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import textgen.lm.EpochRecord;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.WordSetup;
import textgen.lm.io.ModelFile;
import textgen.text.Corpus;
import textgen.text.WordVectors;

/** Training in a worker process: the job it reads, the messages it sends, and how it ends. */
class TrainingProcessTest {

    private static final NetworkConfig TINY = NetworkConfig.DEFAULT.withUnits(16).withSequenceLength(12).withBatchSize(8);
    private static final Corpus TEXT = new Corpus("sample", "the cat sat on the mat. the dog sat on the log.\n".repeat(30));

    @TempDir
    Path dir;

    @Test
    void everyMessageSurvivesTheLineItTravelsOn() throws Exception {
        Path job = Files.createDirectories(dir.resolve("job"));
        Path checkpoints = Files.createDirectories(dir.resolve("a b"));
        List<Object> messages = List.of(
                new TrainingEvent.BatchDone(2, 5, 3, 10, 1.25, 1234.5, 80),
                new TrainingEvent.LiveSample(1.5, 2.25, 0.5, "the ", "cat\n\"sat\""),
                new TrainingEvent.EpochDone(new EpochRecord(2, 1.5, 1.75, 3.25), 5),
                new TrainingEvent.EpochDone(new EpochRecord(3, 1.5, Double.NaN, 3.25), 5),
                new TrainingEvent.EpochSamples(2, "the ", List.of(new TrainingEvent.Sample(0.5, "cat\n\"sat\""),
                        new TrainingEvent.Sample(1.2, "猫が"))),
                new TrainingEvent.CheckpointSaved(2, checkpoints.resolve("c-epoch-002.tgm")),
                new TrainingEvent.Finished(2, true),
                new TrainingEvent.Failed("The loss exploded.", 0.0033),
                new TrainingEvent.Failed("No suggestion."),
                new TrainingEvent.Failed("It died.", Double.NaN, checkpoints.resolve("c-epoch-003.tgm")),
                new TrainingEvent.CheckpointFailed(3, "Disk full."),
                new TrainingProtocol.ModelReady(job.resolve("model-1.tgm"), 2));
        for (Object message : messages) {
            String line = TrainingProtocol.encode(message);
            assertFalse(line.contains("\n"), "one line: " + line);
            assertEquals(message, TrainingProtocol.decode(line, job, checkpoints));
        }
        assertTrue(Double.isNaN(((TrainingEvent.Failed) TrainingProtocol.decode(
                TrainingProtocol.encode(new TrainingEvent.Failed("x")), job, checkpoints)).suggestedLearningRate()));
    }

    /** Nothing but the worker writes on the channel, so whatever is not a message it can send is a violation. */
    @Test
    void everyFieldIsCheckedAndPathsMustStayInTheirFolders() throws Exception {
        Path job = Files.createDirectories(dir.resolve("job"));
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        List<Object> impossible = List.of(
                new TrainingProtocol.ModelReady(Path.of("/etc/passwd"), 1),
                new TrainingProtocol.ModelReady(job.resolve("../outside/model-1.tgm"), 1),
                new TrainingProtocol.ModelReady(job.resolve("notes.txt"), 1),
                new TrainingProtocol.ModelReady(job, 1),
                new TrainingEvent.CheckpointSaved(1, job.resolve("model-1.tgm")),
                new TrainingEvent.Failed("It died.", Double.NaN, Path.of("/home/someone/else.tgm")),
                new TrainingEvent.BatchDone(2, 1, 3, 10, 1.25, 1234.5, 80),
                new TrainingEvent.BatchDone(1, 1, 11, 10, 1.25, 1234.5, 80),
                new TrainingEvent.BatchDone(1, 1, 1, 10, Double.NaN, 1234.5, 80),
                new TrainingEvent.BatchDone(1, 1, 1, 10, 1.25, -1, 80),
                new TrainingEvent.LiveSample(1, 2, 0, "the ", "cat"),
                new TrainingEvent.LiveSample(1, 2, 0.5, null, "cat"),
                new TrainingEvent.LiveSample(1, 2, 0.5, "the ", "x".repeat(100_000)),
                new TrainingEvent.EpochDone(new EpochRecord(0, 1.5, 1.75, 3.25), 5),
                new TrainingEvent.EpochDone(new EpochRecord(6, 1.5, 1.75, 3.25), 5),
                new TrainingEvent.EpochDone(new EpochRecord(2, Double.POSITIVE_INFINITY, 1.75, 3.25), 5),
                new TrainingEvent.EpochSamples(2, "the ", java.util.Collections.nCopies(9, new TrainingEvent.Sample(0.5, "a"))),
                new TrainingEvent.Failed("Too eager.", 50),
                new TrainingEvent.Finished(-1, false));
        for (Object message : impossible) {
            assertThrows(TrainingProtocol.Violation.class, () -> TrainingProtocol.decode(TrainingProtocol.encode(message), job, checkpoints),
                    message.toString());
        }
        for (String line : List.of("WARNING: something native", "{\"kind\":\"Nonsense\",\"body\":{}}", "{not json",
                "{\"kind\":\"Finished\",\"body\":{\"epochsTrained\":\"many\"}}", "{\"kind\":\"Finished\"}", "[]", "")) {
            assertThrows(TrainingProtocol.Violation.class, () -> TrainingProtocol.decode(line, job, checkpoints), line);
        }
    }

    /** Native libraries print what they like on standard output and error; the messages travel elsewhere. */
    @Test
    void aNoisyWorkerStillDeliversEveryMessage() throws Exception {
        List<Object> messages = new ArrayList<>();
        Path jobFolder = Files.createTempDirectory(dir, "job");
        TrainingJob job = new TrainingJob(TEXT, TINY, 2, dir.resolve("checkpoints"), "sample", null);
        Files.createDirectories(job.checkpointFolder());
        job.writeTo(jobFolder);
        TrainingProcess process = TrainingProcess.start(jobFolder, job.checkpointFolder(), NoisyWorker.class.getName());
        assertEquals(0, process.readUntilExit(messages::add));
        List<String> kinds = messages.stream().filter(m -> m instanceof TrainingEvent.EpochDone || m instanceof TrainingEvent.Finished
                || m instanceof TrainingProtocol.ModelReady).map(m -> m.getClass().getSimpleName()).toList();
        assertEquals(List.of("ModelReady", "EpochDone", "ModelReady", "EpochDone", "Finished", "ModelReady"), kinds);
        String log = Files.readString(jobFolder.resolve("worker.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(log.contains("native chatter"), "the noise went to the log");
    }

    /** A worker that prints without end on both streams, half lines and things that look like messages, while it trains. */
    public static final class NoisyWorker {
        public static void main(String[] args) {
            Thread noise = new Thread(() -> {
                var out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                var err = new java.io.FileOutputStream(java.io.FileDescriptor.err);
                byte[] chatter = ("native chatter without a line end " + TrainingProtocol.encode(new TrainingEvent.Finished(99, false))
                        + "\n\u0000\u00ff{\"kind\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    while (true) {
                        out.write(chatter);
                        err.write(chatter, 0, 20);
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    // the process is ending
                }
            });
            noise.setDaemon(true);
            noise.start();
            TrainingWorker.main(args);
        }
    }

    @Test
    void aWorkerHandingOverAFileOutsideItsFolderIsStoppedAndTheFileLeftAlone() throws Exception {
        Path outside = Files.writeString(dir.resolve("precious.txt"), "not yours");
        Path jobFolder = Files.createTempDirectory(dir, "job");
        Files.writeString(jobFolder.resolve("claim"), outside.toString());
        TrainingProcess process = TrainingProcess.start(jobFolder, dir.resolve("checkpoints"), RogueWorker.class.getName());
        List<Object> delivered = new ArrayList<>();
        TrainingProtocol.Violation violation = assertThrows(TrainingProtocol.Violation.class, () -> process.readUntilExit(delivered::add));
        assertTrue(violation.getMessage().contains("outside its folder"), violation.getMessage());
        assertEquals(List.of(), delivered);
        assertFalse(process.isAlive(), "the worker was ended");
        assertEquals("not yours", Files.readString(outside));
    }

    /** Joins the channel as a worker would, claims to hand over the file named in the job folder, then waits forever. */
    public static final class RogueWorker {
        public static void main(String[] args) throws Exception {
            Path folder = Path.of(args[0]);
            String[] channel = Files.readString(folder.resolve(TrainingProcess.CHANNEL_FILE)).trim().split(" ");
            try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(channel[0]))) {
                var out = socket.getOutputStream();
                out.write((channel[1] + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                Path claim = Path.of(Files.readString(folder.resolve("claim")));
                out.write((TrainingProtocol.encode(new TrainingProtocol.ModelReady(claim, 1)) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    /** Whatever goes wrong in the window while it follows the worker, the worker does not outlive it. */
    @Test
    void aFailureWhileFollowingEndsTheWorker() throws Exception {
        Path jobFolder = Files.createTempDirectory(dir, "job");
        TrainingJob job = new TrainingJob(TEXT, TINY, 500, dir.resolve("checkpoints"), "sample", null);
        Files.createDirectories(job.checkpointFolder());
        job.writeTo(jobFolder);
        TrainingProcess process = TrainingProcess.start(jobFolder, job.checkpointFolder());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> process.readUntilExit(message -> {
            if (message instanceof TrainingEvent.BatchDone) {
                throw new IllegalStateException("the window could not handle it");
            }
        }));
        assertEquals("the window could not handle it", thrown.getMessage());
        assertFalse(process.isAlive(), "the worker was ended, not orphaned");
    }

    /** Another program on the machine that finds the port first is turned away; the worker still gets through. */
    @Test
    void aConnectionWithoutTheTokenIsTurnedAway() throws Exception {
        Path jobFolder = Files.createTempDirectory(dir, "job");
        TrainingJob job = new TrainingJob(TEXT, TINY, 1, dir.resolve("checkpoints"), "sample", null);
        Files.createDirectories(job.checkpointFolder());
        job.writeTo(jobFolder);
        Thread intruder = new Thread(() -> {
            Path channel = jobFolder.resolve(TrainingProcess.CHANNEL_FILE);
            try {
                while (!Files.exists(channel) || Files.readString(channel).isBlank()) {
                    Thread.sleep(5);
                }
                String port = Files.readString(channel).trim().split(" ")[0];
                try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                    socket.getOutputStream().write("0123456789abcdef0123456789abcdef\n".getBytes());
                    socket.getOutputStream().write((TrainingProtocol.encode(new TrainingEvent.Finished(7, false)) + "\n").getBytes());
                    Thread.sleep(2000);
                }
            } catch (IOException | InterruptedException e) {
                // turned away, as it should be
            }
        });
        intruder.start();
        List<Object> messages = new ArrayList<>();
        TrainingProcess process = TrainingProcess.start(jobFolder, job.checkpointFolder());
        assertEquals(0, process.readUntilExit(messages::add));
        intruder.join();
        assertTrue(messages.contains(new TrainingEvent.Finished(1, false)), messages.toString());
        assertFalse(messages.contains(new TrainingEvent.Finished(7, false)));
    }

    @Test
    void theJobArrivesExactlyAsWritten() throws Exception {
        WordVectors vectors = new WordVectors("vectors.txt", 2, List.of("the", "猫"), new float[] {0.1f, -1e-7f, 3.4e38f, Float.MIN_VALUE},
                1000, 2, List.of("line 7: too few values"));
        Corpus corpus = new Corpus("my text", "the 猫\n", "a sample of a large file");
        TrainingJob job = new TrainingJob(corpus, TINY.withLearningRate(0.003), 4, dir.resolve("checkpoints"), "my_text",
                new WordSetup(vectors, 500, true), dir.resolve("earlier.tgm"));
        job.writeTo(dir);
        TrainingJob read = TrainingJob.readFrom(dir);
        assertEquals(corpus, read.corpus());
        assertEquals(job.config(), read.config());
        assertEquals(4, read.epochs());
        assertEquals(job.checkpointFolder(), read.checkpointFolder());
        assertEquals("my_text", read.checkpointName());
        assertEquals(dir.resolve("earlier.tgm"), read.resumeFrom());
        assertEquals(500, read.words().maxWords());
        assertTrue(read.words().frozen());
        WordVectors got = read.words().vectors();
        assertEquals(List.of(vectors.name(), vectors.dimension(), vectors.words(), vectors.wordsInFile(), vectors.malformedLines(),
                vectors.problems()), List.of(got.name(), got.dimension(), got.words(), got.wordsInFile(), got.malformedLines(), got.problems()));
        assertArrayEquals(vectors.values(), got.values(), 0f);
    }

    @Test
    void aWorkerTrainsHandsOverEachEpochFirstAndFinishes() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        List<Object> messages = new ArrayList<>();
        int exit = runWorker(new TrainingJob(TEXT, TINY, 2, checkpoints, "sample", null), process -> { }, message -> {
            messages.add(message);
            if (message instanceof TrainingProtocol.ModelReady ready) {
                assertTrue(Files.exists(ready.file()), "the model is written before it is announced");
            }
        });
        assertEquals(0, exit);
        // A live sample follows the first batch; how many more depends on how long the run takes.
        assertInstanceOf(TrainingEvent.LiveSample.class, messages.stream().filter(m -> !(m instanceof TrainingEvent.BatchDone))
                .findFirst().orElseThrow());
        List<String> kinds = messages.stream()
                .filter(m -> !(m instanceof TrainingEvent.BatchDone) && !(m instanceof TrainingEvent.LiveSample))
                .map(m -> m.getClass().getSimpleName()).toList();
        assertEquals(List.of("ModelReady", "EpochDone", "EpochSamples", "CheckpointSaved",
                "ModelReady", "EpochDone", "EpochSamples", "CheckpointSaved", "Finished", "ModelReady"), kinds);
        assertTrue(messages.stream().anyMatch(m -> m instanceof TrainingEvent.BatchDone));
        assertEquals(new TrainingEvent.Finished(2, false), messages.stream().filter(m -> m instanceof TrainingEvent.Finished).findFirst().orElseThrow());
        TrainingProtocol.ModelReady last = (TrainingProtocol.ModelReady) messages.get(messages.size() - 1);
        LanguageModel model = ModelFile.load(last.file());
        assertEquals(2, model.epochsTrained());
        assertTrue(Files.exists(checkpoints.resolve("sample-epoch-002.tgm")));
    }

    @Test
    void aResumedWorkerGoesOnFromTheModelUpToTheEpochsAsked() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        runWorker(new TrainingJob(TEXT, TINY, 1, checkpoints, "sample", null), p -> { }, m -> { });
        Path first = checkpoints.resolve("sample-epoch-001.tgm");
        List<Object> messages = new ArrayList<>();
        int exit = runWorker(TrainingJob.resume(TEXT, first, 3, checkpoints, "sample"), p -> { }, messages::add);
        assertEquals(0, exit);
        List<Integer> epochs = messages.stream().filter(m -> m instanceof TrainingEvent.EpochDone)
                .map(m -> ((TrainingEvent.EpochDone) m).record().epoch()).toList();
        assertEquals(List.of(2, 3), epochs);
        assertTrue(messages.contains(new TrainingEvent.Finished(3, false)));
        assertTrue(Files.exists(checkpoints.resolve("sample-epoch-003.tgm")));

        messages.clear();
        runWorker(TrainingJob.resume(TEXT, checkpoints.resolve("sample-epoch-002.tgm"), 1, checkpoints, "sample"), p -> { }, messages::add);
        assertTrue(messages.contains(new TrainingEvent.Finished(2, false)), "nothing left to train: " + messages);
    }

    @Test
    void aCancelledWorkerStopsWithinABatchAndHandsOverWhatItHas() throws Exception {
        List<Object> messages = new ArrayList<>();
        TrainingProcess[] running = new TrainingProcess[1];
        int exit = runWorker(new TrainingJob(TEXT, TINY, 500, dir.resolve("checkpoints"), "sample", null), p -> running[0] = p, message -> {
            messages.add(message);
            if (message instanceof TrainingEvent.EpochDone) {
                running[0].cancel();
            }
        });
        assertEquals(0, exit);
        TrainingEvent.Finished finished = (TrainingEvent.Finished) messages.stream().filter(m -> m instanceof TrainingEvent.Finished)
                .findFirst().orElseThrow();
        assertTrue(finished.cancelled());
        assertTrue(finished.epochsTrained() < 3, "stopped soon after the first epoch: " + finished);
        assertInstanceOf(TrainingProtocol.ModelReady.class, messages.get(messages.size() - 1));
    }

    @Test
    void aPausedWorkerTrainsNothingUntilResumed() throws Exception {
        List<Long> batchArrivals = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        TrainingProcess[] running = new TrainingProcess[1];
        List<Object> messages = new ArrayList<>();
        int exit = runWorker(new TrainingJob(TEXT, TINY, 500, dir.resolve("checkpoints"), "sample", null), p -> running[0] = p, message -> {
            messages.add(message);
            if (message instanceof TrainingEvent.BatchDone) {
                batchArrivals.add(System.nanoTime());
                if (batchArrivals.size() == 1) {
                    running[0].pause();
                    new Thread(() -> {
                        sleep(1500);
                        resumed.set(true);
                        running[0].resume();
                    }).start();
                } else if (resumed.get()) {
                    running[0].cancel();
                }
            }
        });
        assertEquals(0, exit);
        long longestGap = 0;
        for (int i = 1; i < batchArrivals.size(); i++) {
            longestGap = Math.max(longestGap, batchArrivals.get(i) - batchArrivals.get(i - 1));
        }
        assertTrue(longestGap > 1_200_000_000L, "no batch ran for most of the pause: longest gap " + longestGap / 1e6 + " ms");
        assertTrue(messages.stream().anyMatch(m -> m instanceof TrainingEvent.Finished f && f.cancelled()), "it went on and then stopped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWorkerWhoseWindowIsGoneStopsByItself() throws Exception {
        List<Object> messages = new ArrayList<>();
        TrainingProcess[] running = new TrainingProcess[1];
        int exit = runWorker(new TrainingJob(TEXT, TINY, 500, dir.resolve("checkpoints"), "sample", null), p -> running[0] = p, message -> {
            messages.add(message);
            if (message instanceof TrainingEvent.BatchDone) {
                running[0].closeCommands(); // what the window's death looks like from the worker
            }
        });
        assertEquals(0, exit);
        assertTrue(messages.stream().anyMatch(m -> m instanceof TrainingEvent.Finished f && f.cancelled()));
    }

    @Test
    void aKilledWorkerEndsTheReadWithoutAnEnd() throws Exception {
        List<Object> messages = new ArrayList<>();
        TrainingProcess[] running = new TrainingProcess[1];
        int exit = runWorker(new TrainingJob(TEXT, TINY, 500, dir.resolve("checkpoints"), "sample", null), p -> running[0] = p, message -> {
            messages.add(message);
            if (message instanceof TrainingProtocol.ModelReady) {
                running[0].kill();
            }
        });
        assertNotEquals(0, exit);
        assertFalse(running[0].isAlive());
        assertTrue(messages.stream().noneMatch(m -> m instanceof TrainingEvent.Finished || m instanceof TrainingEvent.Failed));
    }

    @Test
    void aJobTheModelCannotTrainOnFailsWithItsMessage() throws Exception {
        List<Object> messages = new ArrayList<>();
        int exit = runWorker(new TrainingJob(new Corpus("one", "a"), TINY, 1, dir.resolve("checkpoints"), "one", null), p -> { },
                messages::add);
        assertEquals(0, exit);
        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, messages.get(messages.size() - 1));
        assertTrue(failed.message().contains("only one distinct character"), failed.message());
    }

    private int runWorker(TrainingJob job, java.util.function.Consumer<TrainingProcess> started,
                          java.util.function.Consumer<Object> onMessage) throws Exception {
        Path jobFolder = Files.createTempDirectory(dir, "job");
        Files.createDirectories(job.checkpointFolder());
        job.writeTo(jobFolder);
        TrainingProcess process = TrainingProcess.start(jobFolder, job.checkpointFolder());
        started.accept(process);
        int exit = process.readUntilExit(onMessage);
        assertFalse(process.isAlive());
        return exit;
    }
}
