package textgen.lm.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TrainingWorker} in a process of its own, seen from the window: start it on a job
 * folder, send it commands from any thread, and read its messages on one thread until it exits.
 * If the worker dies, only the worker dies.
 *
 * <p>Messages and commands travel over a loopback socket that only the worker can join: the
 * port and a random token are left in the job folder (readable by this user only), and the
 * first line from a connection must be the token. Native libraries print to standard output and
 * error, so those go to the worker's log, and nothing they print can break a message.
 */
public final class TrainingProcess {

    /** How the JVM's own crash reports in the checkpoint folder are named (then the process id). */
    public static final String CRASH_REPORT_PREFIX = "crash-report-pid";

    /** The worker's standard output and error, kept in the job folder for when something goes wrong. */
    private static final String LOG_FILE = "worker.log";
    /** Where the worker finds the port and token of its channel. */
    static final String CHANNEL_FILE = "channel";
    /** How long a worker may take to start and connect: a cold JVM and the natives take a few seconds. */
    private static final long CONNECT_MILLIS = 120_000;

    private final Process process;
    private final Socket channel; // null if the worker died before it connected
    private final OutputStream commands;
    private final Path log;
    private final Path jobFolder;
    private final Path checkpointFolder;

    private TrainingProcess(Process process, Socket channel, Path log, Path jobFolder, Path checkpointFolder) throws IOException {
        this.process = process;
        this.channel = channel;
        this.commands = channel == null ? OutputStream.nullOutputStream() : channel.getOutputStream();
        this.log = log;
        this.jobFolder = jobFolder;
        this.checkpointFolder = checkpointFolder;
    }

    /**
     * Starts a worker on the job in {@code jobFolder}, whose checkpoints go to
     * {@code checkpointFolder}; so does the JVM's crash report, if it crashes. Returns once the
     * worker has connected (or died trying).
     */
    public static TrainingProcess start(Path jobFolder, Path checkpointFolder) throws IOException {
        return start(jobFolder, checkpointFolder, TrainingWorker.class.getName());
    }

    /** As {@link #start(Path, Path)}, with another main class in the worker's place (tests play a worker gone wrong). */
    static TrainingProcess start(Path jobFolder, Path checkpointFolder, String mainClass) throws IOException {
        Path log = jobFolder.resolve(LOG_FILE);
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            Files.writeString(jobFolder.resolve(CHANNEL_FILE), server.getLocalPort() + " " + token, StandardCharsets.US_ASCII);
            // The serial collector: one thread allocates here, so a parallel or concurrent collector
            // gains nothing, and G1 let the heap (and the native buffers waiting on it) grow to 3.3 GB
            // resident in ten minutes, against under 0.8 GB.
            List<String> command = ChildJvm.command(List.of("-XX:+UseSerialGC",
                    "-XX:ErrorFile=" + checkpointFolder.resolve(CRASH_REPORT_PREFIX + "%p.log")),
                    mainClass, List.of(jobFolder.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Socket channel;
            try {
                channel = awaitWorker(server, token, process);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            return new TrainingProcess(process, channel, log, jobFolder, checkpointFolder);
        }
    }

    /** The first connection that gives the token, or null if the worker exits first. */
    private static Socket awaitWorker(ServerSocket server, String token, Process process) throws IOException {
        server.setSoTimeout(200);
        long deadline = System.nanoTime() + CONNECT_MILLIS * 1_000_000;
        byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                if (!process.isAlive()) {
                    return null;
                }
                continue;
            }
            socket.setSoTimeout(5000);
            byte[] given = socket.getInputStream().readNBytes(expected.length + 1); // the token and its line end
            if (given.length == expected.length + 1 && given[expected.length] == '\n'
                    && MessageDigest.isEqual(expected, java.util.Arrays.copyOf(given, expected.length))) {
                socket.setSoTimeout(0);
                return socket;
            }
            socket.close(); // not our worker
        }
        throw new IOException("the training process did not start within " + CONNECT_MILLIS / 1000 + " seconds");
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
            // the worker has exited; reading its messages reports how
        }
    }

    /** Closes the command direction, as the window's exit would; the worker then stops. */
    void closeCommands() {
        try {
            if (channel != null) {
                channel.shutdownOutput();
            }
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
     * returns its exit code. A line that is not a valid message ends the worker at once and is
     * thrown as a {@link TrainingProtocol.Violation}; so is anything {@code onMessage} throws,
     * after the worker is ended: no worker outlives the reading of its messages.
     */
    public int readUntilExit(Consumer<Object> onMessage) throws InterruptedException, TrainingProtocol.Violation {
        if (channel != null) {
            try (Reader in = new InputStreamReader(channel.getInputStream(), StandardCharsets.UTF_8);
                 BufferedReader reader = new BufferedReader(in)) {
                String line;
                while ((line = readLine(reader)) != null) {
                    onMessage.accept(TrainingProtocol.decode(line, jobFolder, checkpointFolder));
                }
            } catch (IOException e) {
                // the channel broke: the worker is gone, and its exit code says how
            } catch (TrainingProtocol.Violation | RuntimeException | Error e) {
                kill();
                process.waitFor();
                throw e;
            } finally {
                closeQuietly();
            }
        }
        return process.waitFor();
    }

    /** A line of at most {@link TrainingProtocol#MAX_LINE_CHARS}, or null at the end. */
    private static String readLine(BufferedReader reader) throws IOException, TrainingProtocol.Violation {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() == TrainingProtocol.MAX_LINE_CHARS) {
                throw new TrainingProtocol.Violation("a line longer than any message");
            }
            line.append((char) c);
        }
        return line.length() > 0 ? line.toString() : null;
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to read or send
        }
    }

    /** The last {@code lines} lines the worker wrote to its standard output and error. */
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
