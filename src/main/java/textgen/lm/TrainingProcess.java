package textgen.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TrainingWorker} in a process of its own, seen from the window: start it on a job
 * folder, send it commands from any thread, and read its messages on one thread until it exits.
 * If the worker dies, only the worker dies.
 */
public final class TrainingProcess {

    /** How the JVM's own crash reports in the checkpoint folder are named (then the process id). */
    public static final String CRASH_REPORT_PREFIX = "crash-report-pid";

    /** The worker's standard error, kept in the job folder for when something goes wrong. */
    private static final String LOG_FILE = "worker.log";

    private final Process process;
    private final OutputStream commands;
    private final Path log;

    private TrainingProcess(Process process, Path log) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.log = log;
    }

    /**
     * Starts a worker on the job in {@code jobFolder}. If the JVM itself crashes, its report goes
     * into {@code crashReportFolder} rather than the current directory.
     */
    public static TrainingProcess start(Path jobFolder, Path crashReportFolder) throws IOException {
        Path log = jobFolder.resolve(LOG_FILE);
        // The serial collector: one thread allocates here, so a parallel or concurrent collector
        // gains nothing, and G1 let the heap (and the native buffers waiting on it) grow to 3.3 GB
        // resident in ten minutes, against under 0.8 GB.
        List<String> command = ChildJvm.command(List.of("-XX:+UseSerialGC",
                "-XX:ErrorFile=" + crashReportFolder.resolve(CRASH_REPORT_PREFIX + "%p.log")),
                TrainingWorker.class.getName(), List.of(jobFolder.toString()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new TrainingProcess(process, log);
    }

    public void pause() {
        send(TrainingProtocol.PAUSE);
    }

    public void resume() {
        send(TrainingProtocol.RESUME);
    }

    /** Asks the worker to stop after its current batch and hand over its model. */
    public void cancel() {
        send(TrainingProtocol.CANCEL);
    }

    private synchronized void send(byte command) {
        try {
            commands.write(command);
            commands.flush();
        } catch (IOException e) {
            // the worker has exited; reading its output reports how
        }
    }

    /** Closes the worker's command stream, as the window's exit would; the worker then stops. */
    void closeCommands() {
        try {
            commands.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Ends the worker at once, without waiting for its batch. */
    public void kill() {
        process.destroyForcibly();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Hands each message to {@code onMessage} on the calling thread until the worker exits, then
     * returns its exit code.
     */
    public int readUntilExit(Consumer<Object> onMessage) throws InterruptedException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Object message = TrainingProtocol.decode(line);
                if (message != null) {
                    onMessage.accept(message);
                }
            }
        } catch (IOException e) {
            // the pipe broke: the worker is gone, and its exit code says how
        }
        int exit = process.waitFor();
        closeCommands();
        return exit;
    }

    /** The last {@code lines} lines the worker wrote to its standard error. */
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
