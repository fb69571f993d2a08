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

    /** Arguments: [SECONDS] [--no-training] [--no-generation], the last two to find what causes slow frames. */
    public static void main(String[] args) {
        for (String arg : args) {
            switch (arg) {
                case "--no-training" -> training = false;
                case "--no-generation" -> generation = false;
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
        MainWindow window = PlaygroundApp.open(stage);
        AppViewModel app = window.app();
        window.app().start().thenRun(() -> Platform.runLater(() -> begin(window, app)));
    }

    private void begin(MainWindow window, AppViewModel app) {
        Runnable generate = () -> {
            if (generation) {
                app.generate().charsPerSecondProperty().set(60);
                app.generate().lengthProperty().set(100_000);
                app.generate().generate();
            }
        };
        if (training) {
            app.train().epochsProperty().set(1);
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
                if (state[1] == 0 && frame % 6 == 0) {
                    // A slider move, as a drag produces it: a new value on the FX thread.
                    double t = app.generate().temperatureProperty().get() < 1 ? 1.7 : 0.3;
                    state[2] = chart.redrawCount();
                    state[3] = 0;
                    state[1] = System.nanoTime();
                    app.generate().temperatureProperty().set(t);
                }
                if (now - state[4] > seconds * 1_000_000_000L) {
                    stop();
                    report(window, gaps, latencyMillis, latencyFrames, slowFramesAtUptimeMs);
                }
            }
        }.start();
    }

    private static void report(MainWindow window, List<Double> gaps, List<Double> latencyMillis, List<Integer> latencyFrames,
                               List<Long> slowFrames) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("withTraining", training);
        result.put("withGeneration", generation);
        result.put("trainingWasRunning", window.app().engine().isTraining());
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
        result.put("generatedCharacters", window.generateView().textView().characterCount());
        // When frames over two intervals long ended, in JVM uptime: to line up with a GC log.
        result.put("slowFramesAtUptimeMs", slowFrames);
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
