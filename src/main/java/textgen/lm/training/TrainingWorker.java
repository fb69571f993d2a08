package textgen.lm.training;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import textgen.lm.DeserializationGuard;
import textgen.lm.LanguageModel;
import textgen.lm.NativeThreads;
import textgen.lm.ThreadNiceness;
import textgen.lm.WordSetup;
import textgen.lm.io.Checkpoints;
import textgen.lm.io.ModelFile;
import textgen.lm.io.ModelFileException;

/**
 * The training process the window starts ({@link TrainingProcess}): it reads a
 * {@link TrainingJob} from the folder named on its command line, connects to the window's
 * channel, trains, and reports in {@link TrainingProtocol} lines. Commands arrive on the same
 * channel; when it closes (the window is gone), the worker stops after the current batch.
 *
 * <p>Why a process of its own: ND4J 1.0.0-M2.1 can free an array's native buffer while a native
 * op still reads it. Its op executor lets the op object (and the small array that holds the op's
 * dimensions) become unreachable during the native call, so a garbage collection at that moment
 * frees the buffer. A collection can only strike then if another thread allocates, and a window
 * always does. Here only the training thread allocates, and should the library crash anyway,
 * the window survives.
 */
public final class TrainingWorker {

    /** How often the window gets a line from the current weights: often enough to watch, cheap enough to ignore. */
    static final java.time.Duration LIVE_SAMPLE_INTERVAL = java.time.Duration.ofSeconds(5);

    /** Below the window's UI thread, so the window stays smooth while both want the CPU. */
    private static final int NICE = 10;

    private TrainingWorker() {
    }

    public static void main(String[] args) {
        DeserializationGuard.install();
        ThreadNiceness.lowerCurrentThread(NICE);
        Path folder = Path.of(args[0]);
        TrainingControl control = new TrainingControl();
        OutputStream out;
        try {
            Socket channel = connect(folder);
            out = new BufferedOutputStream(channel.getOutputStream());
            listenForCommands(channel.getInputStream(), control);
        } catch (IOException e) {
            System.err.println("The training process could not reach the window: " + e);
            System.exit(2);
            return;
        }
        Consumer<Object> send = message -> {
            try {
                out.write((TrainingProtocol.encode(message) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                control.cancel(); // the window is gone: stop as if asked
            }
        };
        try {
            run(folder, control, send);
        } catch (RuntimeException | Error e) {
            e.printStackTrace(); // the details go to the worker's log; the window gets the message below
            send.accept(new TrainingEvent.Failed("Training stopped because of an internal error (" + e + ")."));
        }
        System.exit(0); // native threads must not keep the process alive
    }

    /**
     * Applies the window's single-byte commands. The loop allocates nothing, so this thread can
     * never be the one that starts a collection while the training thread is in native code.
     */
    private static void listenForCommands(InputStream in, TrainingControl control) {
        Thread listener = new Thread(() -> {
            byte[] buffer = new byte[64];
            try {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    for (int i = 0; i < read; i++) {
                        switch (buffer[i]) {
                            case TrainingProtocol.PAUSE -> control.pause();
                            case TrainingProtocol.RESUME -> control.resume();
                            case TrainingProtocol.CANCEL -> control.cancel();
                            default -> {
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the window is gone: stop as below
            }
            control.resume();
            control.cancel();
        }, "textgen-worker-commands");
        listener.setDaemon(true);
        listener.start();
    }

    /** Connects to the window's channel, whose port and token it left in the job folder, and proves itself with the token. */
    private static Socket connect(Path folder) throws IOException {
        String[] channel = Files.readString(folder.resolve(TrainingProcess.CHANNEL_FILE), StandardCharsets.US_ASCII).trim().split(" ");
        if (channel.length != 2 || !channel[0].matches("\\d{1,5}") || !channel[1].matches("[0-9a-f]{32}")) {
            throw new IOException("the channel file in " + folder + " is damaged");
        }
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(channel[0]));
        socket.getOutputStream().write((channel[1] + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Trains the job in {@code folder}, sending every message to {@code send}. */
    static void run(Path folder, TrainingControl control, Consumer<Object> send) {
        TrainingJob job;
        try {
            job = TrainingJob.readFrom(folder);
        } catch (IOException | RuntimeException e) {
            send.accept(new TrainingEvent.Failed("The training job could not be read (" + e.getMessage() + ")."));
            return;
        }
        NativeThreads.set(NativeThreads.defaultCount());
        LanguageModel model;
        try {
            WordSetup words = job.words();
            model = job.resumeFrom() != null ? ModelFile.load(job.resumeFrom())
                    : words == null ? LanguageModel.create(job.config(), job.corpus().vocabulary(), job.corpus().name())
                    : LanguageModel.createWordModel(job.config(), job.corpus(), words.vectors(), words.maxWords(), words.frozen());
        } catch (ModelFileException | IllegalArgumentException e) {
            send.accept(new TrainingEvent.Failed(e.getMessage()));
            return;
        }
        ModelHandover handover = new ModelHandover(model, folder, send);
        Trainer trainer;
        try {
            trainer = new Trainer(model, job.corpus().split(), event -> {
                if (event instanceof TrainingEvent.EpochDone) {
                    handover.run(); // first, so the window has the epoch's weights when it hears of the epoch
                }
                send.accept(event);
            }, control).rotateCheckpoints(new Checkpoints(job.checkpointFolder(), job.checkpointName(), Checkpoints.DEFAULT_KEEP))
                    .sampleLength(160)
                    .liveSamples(LIVE_SAMPLE_INTERVAL);
        } catch (TrainingException e) {
            send.accept(new TrainingEvent.Failed(e.getMessage()));
            return;
        }
        trainer.run(Math.max(0, job.epochs() - model.epochsTrained()));
        handover.run(); // a stop mid-epoch leaves newer weights than the last epoch's
    }

    /** Writes the model for the window to load, each time to a new file that the window deletes. */
    private static final class ModelHandover {
        private final LanguageModel model;
        private final Path folder;
        private final Consumer<Object> send;
        private int count;

        ModelHandover(LanguageModel model, Path folder, Consumer<Object> send) {
            this.model = model;
            this.folder = folder;
            this.send = send;
        }

        void run() {
            Path file = folder.resolve("model-" + (++count) + ModelFile.EXTENSION);
            try {
                ModelFile.save(model, file);
                send.accept(new TrainingProtocol.ModelReady(file, model.epochsTrained()));
            } catch (IOException e) {
                send.accept(new TrainingEvent.CheckpointFailed(model.epochsTrained(), "The model after epoch "
                        + model.epochsTrained() + " could not be written to " + folder + " (" + e.getMessage()
                        + "), so generation goes on with the earlier one; training goes on."));
            }
        }
    }
}
