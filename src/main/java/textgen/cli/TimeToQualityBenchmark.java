package textgen.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import textgen.lm.NetworkConfig;
import textgen.lm.io.ModelFile;
import textgen.lm.io.ModelFileException;
import textgen.lm.training.ChildJvm;
import textgen.lm.training.TrainingEvent;
import textgen.lm.training.TrainingJob;
import textgen.lm.training.TrainingProcess;
import textgen.lm.training.TrainingProtocol;
import textgen.text.BuiltInCorpus;
import textgen.text.Corpus;

/**
 * Time to quality: wall-clock seconds from starting to train on the Dickens novel with every
 * default to the first validation loss at or below {@link #THRESHOLD} nats per character.
 * Measured for the two ways training starts: the command line ({@code train --corpus dickens},
 * a JVM of its own, start-up included) and the window's training process (the job written, the
 * process started, each epoch's model loaded as the window loads it). Each run is a fresh
 * process; the figures are their medians.
 */
final class TimeToQualityBenchmark {

    static final double THRESHOLD = 1.50;
    private static final Pattern EPOCH_LINE = Pattern.compile("^epoch (\\d+)/\\d+ .*validation ([0-9.]+) nats");
    /** The command line's launcher, named here since the command line cannot depend on it. */
    private static final String LAUNCHER = "textgen.Launcher";

    private final int runs;
    private final Consumer<String> progress;

    TimeToQualityBenchmark(int runs, Consumer<String> progress) {
        this.runs = runs;
        this.progress = progress;
    }

    /** One run: seconds to the threshold (NaN if the run ended first) and the epoch that reached it. */
    record Run(double seconds, int epoch, double validationLoss) {
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("textgen-time-to-quality-");
        try {
            List<Run> cli = new ArrayList<>();
            List<Run> window = new ArrayList<>();
            // Alternated, so that a slow spell of a shared machine falls on both alike.
            for (int i = 0; i < runs; i++) {
                cli.add(commandLineRun(folder));
                progress.accept("command line, run " + (i + 1) + ": " + describe(cli.get(i)));
                window.add(windowRun(folder, i));
                progress.accept("window's training process, run " + (i + 1) + ": " + describe(window.get(i)));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("thresholdNatsPerChar", THRESHOLD);
            result.put("network", NetworkConfig.DEFAULT.toString());
            result.put("commandLine", summary(cli));
            result.put("windowTrainingProcess", summary(window));
            result.put("windowOverCommandLine", median(window) / median(cli));
            return result;
        } finally {
            deleteTree(folder);
        }
    }

    private static String describe(Run run) {
        return Double.isNaN(run.seconds()) ? "did not reach " + THRESHOLD
                : String.format(java.util.Locale.ROOT, "%.1f s (validation %.4f after epoch %d)", run.seconds(),
                run.validationLoss(), run.epoch());
    }

    /** {@code train --corpus dickens --out FILE} in a new JVM, read until its validation loss is good enough. */
    private Run commandLineRun(Path folder) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command(List.of(), LAUNCHER,
                List.of("train", "--corpus", "dickens", "--out", folder.resolve("cli.tgm").toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = EPOCH_LINE.matcher(line);
                if (m.find() && Double.parseDouble(m.group(2)) <= THRESHOLD) {
                    return new Run((System.nanoTime() - start) / 1e9, Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
                }
            }
            return new Run(Double.NaN, 0, Double.NaN);
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The window's way: a job written, a training process started and followed, each model it hands over loaded. */
    private Run windowRun(Path folder, int index) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Corpus corpus;
        try {
            corpus = BuiltInCorpus.DICKENS.load();
        } catch (textgen.text.CorpusException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path job = Files.createDirectories(folder.resolve("job-" + index));
        Path checkpoints = Files.createDirectories(folder.resolve("checkpoints-" + index));
        new TrainingJob(corpus, NetworkConfig.DEFAULT, 3, checkpoints, "dickens", null).writeTo(job);
        TrainingProcess process = TrainingProcess.start(job, checkpoints);
        Run[] reached = {new Run(Double.NaN, 0, Double.NaN)};
        try {
            follow(process, start, reached);
        } catch (TrainingProtocol.Violation e) {
            throw new IOException("The training process sent " + e.getMessage(), e);
        }
        return reached[0];
    }

    private static void follow(TrainingProcess process, long start, Run[] reached)
            throws InterruptedException, TrainingProtocol.Violation {
        process.readUntilExit(message -> {
            if (message instanceof TrainingProtocol.ModelReady ready) {
                try {
                    ModelFile.load(ready.file());
                    Files.deleteIfExists(ready.file());
                } catch (IOException | ModelFileException | RuntimeException e) {
                    throw new IllegalStateException("The training process handed over a model that does not load: " + e, e);
                }
            } else if (message instanceof TrainingEvent.EpochDone epoch && Double.isNaN(reached[0].seconds())
                    && epoch.record().validationLossNats() <= THRESHOLD) {
                reached[0] = new Run((System.nanoTime() - start) / 1e9, epoch.record().epoch(), epoch.record().validationLossNats());
                process.kill();
            }
        });
    }

    private static Map<String, Object> summary(List<Run> runs) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("secondsMedian", median(runs));
        summary.put("seconds", runs.stream().map(Run::seconds).toList());
        summary.put("epochReached", runs.stream().map(Run::epoch).toList());
        summary.put("validationLoss", runs.stream().map(Run::validationLoss).toList());
        return summary;
    }

    private static double median(List<Run> runs) {
        double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
