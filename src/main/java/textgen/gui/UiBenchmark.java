package textgen.gui;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import textgen.gui.charts.DistributionChart;
import textgen.gui.engine.Engine;
import textgen.text.BuiltInCorpus;

/**
 * The responsiveness benchmark: opens the real window, trains the default network on the
 * Dickens corpus while streaming text, and moves the temperature every few frames. It reports
 * the gaps between UI pulses and how long a temperature change takes to reach the drawn chart,
 * as one JSON object on standard output, then exits. Run it as
 * {@code java -jar target/textgen.jar bench-ui [SECONDS]} on a display (or under Xvfb).
 */
public final class UiBenchmark extends Application {

    private static int seconds = 30;
    private static boolean training = true;
    private static boolean generation = true;
    private static boolean soak;
    // Measured when the model is loaded, before any work starts, and again after it all stops.
    private static long heapBefore;
    private static Map<Long, String> threadsBefore;

    private static boolean startup;
    private static boolean inside;

    /**
     * Arguments: [SECONDS] [--no-training] [--no-generation] [--soak] [--startup] [--inside]. The
     * middle two find what causes slow frames. {@code --inside} watches generation at 40 symbols a
     * second on the Inside tab, a unit tinting the text, instead of moving the temperature. {@code --soak} trains for the whole time (many epochs), then
     * stops everything and adds the settled heap and the live threads, before and after, to the
     * report. {@code --startup} measures only how long the window took to show its first frame,
     * counted from the start of the process, and its model to be ready.
     */
    public static void main(String[] args) {
        for (String arg : args) {
            switch (arg) {
                case "--no-training" -> training = false;
                case "--no-generation" -> generation = false;
                case "--soak" -> soak = true;
                case "--startup" -> startup = true;
                case "--inside" -> inside = true;
                default -> seconds = Integer.parseInt(arg);
            }
        }
        // Keep the benchmark's settings and checkpoints out of the user's own.
        System.setProperty("textgen.prefs", "textgen-playground-benchmark");
        System.setProperty("textgen.home", System.getProperty("java.io.tmpdir") + "/textgen-benchmark");
        Application.launch(UiBenchmark.class);
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = PlaygroundApp.open(stage, null);
        AppViewModel app = window.app();
        if (startup) {
            reportStartup(app);
            return;
        }
        window.app().start().thenRun(() -> Platform.runLater(() -> begin(window, app)));
    }

    /**
     * Prints, as one JSON object, the time from the start of this process (the launcher's, for a
     * packaged app) to the window's first frame, and to the first model being ready; then exits.
     */
    private static void reportStartup(AppViewModel app) {
        java.time.Instant processStart = ProcessHandle.current().info().startInstant().orElseThrow();
        Map<String, Object> result = new LinkedHashMap<>();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop(); // the first pulse after the window is shown: its first frame
                result.put("firstFrameMillis", java.time.Duration.between(processStart, java.time.Instant.now()).toMillis());
                app.start().thenRun(() -> Platform.runLater(() -> {
                    result.put("modelReadyMillis", java.time.Duration.between(processStart, java.time.Instant.now()).toMillis());
                    result.put("javaHome", System.getProperty("java.home"));
                    System.out.println(new GsonBuilder().create().toJson(result));
                    System.out.flush();
                    Platform.exit();
                    System.exit(0);
                }));
            }
        }.start();
    }

    private void begin(MainWindow window, AppViewModel app) {
        heapBefore = settledHeap();
        threadsBefore = liveThreads();
        if (inside) {
            window.tabs().getSelectionModel().select(window.tabs().getTabs().stream()
                    .filter(t -> "insideTab".equals(t.getId())).findFirst().orElseThrow());
            app.inside().selectUnit(0);
        }
        Runnable generate = () -> {
            if (generation) {
                app.generate().symbolsPerSecondProperty().set(inside ? 40 : 60);
                app.generate().lengthProperty().set(100_000);
                app.generate().generate();
            }
        };
        if (training) {
            app.train().epochsProperty().set(soak ? 1000 : 1);
            // Starting training stops any generation, so generation starts after it.
            app.train().chooseCorpus(BuiltInCorpus.DICKENS.id()).thenRun(() -> {
                app.train().start();
                generate.run();
            });
        } else {
            generate.run();
        }

        List<Double> gaps = new ArrayList<>();
        List<Long> slowFramesAtUptimeMs = new ArrayList<>();
        List<Double> latencyMillis = new ArrayList<>();
        List<Integer> latencyFrames = new ArrayList<>();
        DistributionChart chart = window.generateView().chart();
        long[] state = new long[5]; // last pulse, change time, redraws at change, frames since change, start
        new AnimationTimer() {
            private int frame;

            @Override
            public void handle(long now) {
                // Runs after the window's own frame loop (timers run in the order they were started).
                if (state[4] == 0) {
                    state[4] = now;
                }
                if (state[0] != 0) {
                    double gap = (now - state[0]) / 1e6;
                    gaps.add(gap);
                    if (gap > 34) {
                        slowFramesAtUptimeMs.add(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                    }
                }
                state[0] = now;
                if (state[1] != 0) {
                    state[3]++;
                    if (chart.redrawCount() > state[2]) {
                        latencyMillis.add((System.nanoTime() - state[1]) / 1e6);
                        latencyFrames.add((int) state[3]);
                        state[1] = 0;
                    }
                }
                frame++;
                if (!inside && state[1] == 0 && frame % 6 == 0) {
                    // A slider move, as a drag produces it: a new value on the FX thread.
                    double t = app.generate().temperatureProperty().get() < 1 ? 1.7 : 0.3;
                    state[2] = chart.redrawCount();
                    state[3] = 0;
                    state[1] = System.nanoTime();
                    app.generate().temperatureProperty().set(t);
                }
                if (now - state[4] > seconds * 1_000_000_000L) {
                    stop();
                    if (soak) {
                        Map<String, Object> during = new LinkedHashMap<>();
                        during.put("trainingProgress", app.train().progressTextProperty().get());
                        during.put("epochsCompleted", app.train().losses().validations().size());
                        during.put("trainingProcessRssMb", trainingProcessRssMb(app.engine()));
                        app.train().stop();
                        app.generate().stop();
                        new Thread(() -> settleThenReport(window, during, gaps, latencyMillis, latencyFrames, slowFramesAtUptimeMs),
                                "benchmark-settle").start();
                    } else {
                        report(window, Map.of(), gaps, latencyMillis, latencyFrames, slowFramesAtUptimeMs);
                    }
                }
            }
        }.start();
    }

    /** Off the UI thread: waits for training to stop, lets the heap settle, then reports on the UI thread. */
    private static void settleThenReport(MainWindow window, Map<String, Object> during, List<Double> gaps, List<Double> latencyMillis,
                                         List<Integer> latencyFrames, List<Long> slowFrames) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((window.app().engine().training().isTraining() || window.app().engine().generation().isGenerating())
                && System.nanoTime() < deadline) {
            sleep(100);
        }
        sleep(1000); // the last frames drain what was queued
        Map<String, Object> soakResult = new LinkedHashMap<>(during);
        soakResult.put("heapBeforeMb", heapBefore / 1048576.0);
        soakResult.put("heapAfterMb", settledHeap() / 1048576.0);
        Map<Long, String> threadsAfter = liveThreads();
        soakResult.put("threadsBefore", threadsBefore.size());
        soakResult.put("threadsAfter", threadsAfter.size());
        Map<Long, String> added = new LinkedHashMap<>(threadsAfter);
        added.keySet().removeAll(threadsBefore.keySet());
        soakResult.put("threadsAdded", added.values());
        Map<Long, String> ended = new LinkedHashMap<>(threadsBefore);
        ended.keySet().removeAll(threadsAfter.keySet());
        soakResult.put("threadsEnded", ended.values());
        Platform.runLater(() -> report(window, soakResult, gaps, latencyMillis, latencyFrames, slowFrames));
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Live threads by id, without the benchmark's own settling thread. */
    private static Map<Long, String> liveThreads() {
        Map<Long, String> threads = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().equals("benchmark-settle")) {
                threads.put(t.getId(), t.getName());
            }
        }
        return threads;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The training process's resident memory (Linux only), or -1: it is not in the window's heap figures. */
    private static double trainingProcessRssMb(Engine engine) {
        textgen.lm.training.TrainingProcess process = engine.training().process();
        if (process == null) {
            return -1;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux, or the process just ended
        }
        return -1;
    }

    private static void report(MainWindow window, Map<String, Object> soakResult, List<Double> gaps, List<Double> latencyMillis,
                               List<Integer> latencyFrames, List<Long> slowFrames) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("soak", soak);
        result.put("withTraining", training);
        result.put("withGeneration", generation);
        result.put("insideView", inside);
        result.put("trainingWasRunning", window.app().engine().training().isTraining());
        result.put("trainingProgress", window.app().train().progressTextProperty().get());
        result.put("pulses", gaps.size() + 1);
        result.put("pulseGapMedianMs", percentile(gaps, 50));
        result.put("pulseGapP99Ms", percentile(gaps, 99));
        result.put("pulseGapMaxMs", percentile(gaps, 100));
        result.put("pulseGapsOver50Ms", gaps.stream().filter(g -> g > 50).count());
        result.put("sliderChanges", latencyMillis.size());
        result.put("sliderToChartMedianMs", percentile(latencyMillis, 50));
        result.put("sliderToChartMaxMs", percentile(latencyMillis, 100));
        result.put("sliderToChartMedianFrames", percentile(latencyFrames.stream().map(Integer::doubleValue).toList(), 50));
        result.put("sliderToChartMaxFrames", percentile(latencyFrames.stream().map(Integer::doubleValue).toList(), 100));
        result.put("generatedSymbols", window.generateView().textView().symbolCount());
        if (inside) {
            var trail = window.app().inside().trail();
            var heatmap = window.insideView().heatmap();
            result.put("insideRecordedSymbols", trail.addedSinceClear());
            result.put("insideHeatmapRedraws", heatmap.redrawCount());
            result.put("insideTintedTextRedraws", window.insideView().tintedText().redrawCount());
            result.put("insideHeatmapUpToDate", heatmap.drawnChangeCount() == heatmap.changeCount());
        }
        // When frames over two intervals long ended, in JVM uptime: to line up with a GC log.
        result.put("slowFramesAtUptimeMs", slowFrames);
        result.putAll(soakResult);
        System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(result));
        System.out.flush();
        window.shutdown();
        Platform.exit();
        System.exit(0);
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
