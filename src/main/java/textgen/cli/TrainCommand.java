package textgen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import textgen.lm.LanguageModel;
import textgen.lm.NetworkConfig;
import textgen.lm.Recipe;
import textgen.lm.io.Checkpoints;
import textgen.lm.io.ModelFile;
import textgen.lm.training.Trainer;
import textgen.lm.training.TrainingControl;
import textgen.lm.training.TrainingEvent;
import textgen.text.Corpus;
import textgen.text.CorpusLoader;
import textgen.text.WordVectorException;
import textgen.text.WordVectorReader;
import textgen.text.WordVectors;
import textgen.text.WordVocabulary;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an LSTM on a corpus, character by character or word by word, writing the model after every epoch.",
                "CORPUS is one of dickens, shakespeare, tang, names, or the path of a UTF-8 text file.",
                "Word level reads pretrained vectors in the word2vec text format (--vectors) into its input layer."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--corpus", paramLabel = "CORPUS", defaultValue = "dickens",
            description = "Built-in corpus name or text file (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Model file to write (after every epoch, atomically).")
    Path modelFile;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue training this model (its network settings are kept; the options below are ignored).")
    Path resume;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "fast",
            description = "Starting settings: fast (batches of 32, RMSprop 0.02) or deep-learning-with-python (the book's:"
                    + " batches of 128, RMSprop 0.01); the options below change single settings (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--layers", paramLabel = "N", description = "LSTM layers (recipe: 1).")
    Integer layers;

    @Option(names = "--units", paramLabel = "N", description = "Units per LSTM layer (recipe: 128).")
    Integer units;

    @Option(names = "--seq-length", paramLabel = "N", description = "Characters per training window (recipe: 60).")
    Integer sequenceLength;

    @Option(names = "--batch-size", paramLabel = "N", description = "Windows per minibatch (fast: 32, the book: 128).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "R", description = "RMSprop learning rate (fast: 0.02, the book: 0.01).")
    Double learningRate;

    @Option(names = "--lr-decay", paramLabel = "D",
            description = "Shrink the learning rate by this share after every epoch, 0 to 1 (recipe: 0, constant).")
    Double learningRateDecay;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout between layers and before the softmax, 0 to 1 (recipe: 0).")
    Double dropout;

    @Option(names = "--clip", paramLabel = "C", description = "Element-wise gradient clip, 0 for none (recipe: 5).")
    Double clip;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed for weights and batch order (recipe: 12345).")
    Long seed;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.05",
            description = "Share of the corpus, taken from its end, held out for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "char",
            description = "char or word (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "Word level: word vectors in the word2vec text format, or " + WordVectorReader.BUILT_IN_TANG
                    + " (character vectors of the Tang poems, built in).")
    String vectors;

    @Option(names = "--max-words", paramLabel = "N", defaultValue = "" + WordVocabulary.DEFAULT_MAX_WORDS,
            description = "Word level: the most frequent N words are predicted, the rest become <unk> (default: ${DEFAULT-VALUE}).")
    int maxWords;

    @Option(names = "--fine-tune-vectors",
            description = "Word level: let training change the vectors too (by default they stay as loaded).")
    boolean fineTune;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Also keep per-epoch checkpoints in this folder (NAME-epoch-NNN.tgm), the newest --keep of them.")
    Path checkpointFolder;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "" + Checkpoints.DEFAULT_KEEP,
            description = "How many checkpoints --checkpoints keeps (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--no-optimizer-state",
            description = "Leave the optimiser state out of the model file: about half the size, but --resume starts the optimiser afresh.")
    boolean noOptimizerState;

    @Option(names = "--sample-length", paramLabel = "N", defaultValue = "200",
            description = "Characters per sample printed after each epoch; 0 for none (default: ${DEFAULT-VALUE}).")
    int sampleLength;

    @Override
    public Integer call() throws Exception {
        if (keep < 1) {
            throw new CliException("--keep must be at least 1.");
        }
        if (epochs < 1) {
            throw new CliException("--epochs must be at least 1.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Corpus text = CorpusLoader.load(corpus);
        engine.apply();
        LanguageModel model;
        if (resume != null) {
            model = ModelFile.load(resume);
            out.printf(Locale.ROOT, "Resuming %s after epoch %d.%n", resume, model.epochsTrained());
        } else {
            NetworkConfig config = networkConfig();
            model = switch (level) {
                case "char" -> LanguageModel.create(config, text.vocabulary(), text.name());
                case "word" -> wordModel(config, text, out);
                default -> throw new CliException("--level must be char or word, not '" + level + "'.");
            };
        }
        NetworkConfig c = model.config();
        out.printf(Locale.ROOT, "Corpus %s: %,d characters. Vocabulary: %,d %ss. Network: %s%d x LSTM(%d), windows of %d, batches of %d, %,d weights.%n",
                text.name(), text.codePointCount(), model.vocabulary().size(), model.vocabulary().unit(),
                model.embedding() == null ? "" : String.format(Locale.ROOT, "%d-dimensional %s vectors, ", model.embedding().dimension(),
                        model.embedding().frozen() ? "frozen" : "fine-tuned"),
                c.layers(), c.units(), c.sequenceLength(), c.batchSize(), model.network().numParams());
        if (!text.note().isEmpty()) {
            out.println(text.note());
        }
        if (resume != null) {
            long[] unknown = new long[1];
            model.vocabulary().encode(text.text(), u -> unknown[0]++);
            if (unknown[0] > 0) {
                err.printf(Locale.ROOT, "Warning: %,d %ss of the corpus are not in the model's vocabulary.%n", unknown[0],
                        model.vocabulary().unit());
            }
        }
        out.flush();
        Trainer trainer = new Trainer(model, text.split(validation), new Report(out, err, System.console() != null),
                new TrainingControl())
                .checkpointTo(modelFile)
                .checkpointOptimizerState(!noOptimizerState)
                .sampleLength(sampleLength)
                .liveSamples(PROGRESS_INTERVAL);
        if (checkpointFolder != null) {
            String name = modelFile.getFileName().toString().replaceFirst("\\.tgm$", "");
            trainer.rotateCheckpoints(new Checkpoints(checkpointFolder, name, keep));
        }
        TrainingEvent end = trainer.run(epochs);
        if (end instanceof TrainingEvent.Failed failed) {
            throw new CliException(failed.message());
        }
        out.printf("Model written to %s.%n", modelFile);
        return 0;
    }

    /** The recipe's settings with the options given on top. */
    private NetworkConfig networkConfig() throws CliException {
        Recipe chosen = Recipe.byId(recipe);
        if (chosen == null) {
            throw new CliException("--recipe must be fast or deep-learning-with-python, not '" + recipe + "'.");
        }
        NetworkConfig r = chosen.config();
        try {
            return new NetworkConfig(or(layers, r.layers()), or(units, r.units()), or(sequenceLength, r.sequenceLength()),
                    or(batchSize, r.batchSize()), or(learningRate, r.learningRate()),
                    or(learningRateDecay, r.learningRateDecay()), or(dropout, r.dropout()),
                    or(clip, r.gradientClip()), or(seed, r.seed()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    /** Reads the vectors the corpus can use and builds a word model over them. */
    private LanguageModel wordModel(NetworkConfig config, Corpus text, PrintWriter out) throws WordVectorException, CliException {
        if (vectors == null) {
            throw new CliException("Word level needs --vectors: a word2vec text file, or " + WordVectorReader.BUILT_IN_TANG + ".");
        }
        if (maxWords < 1) {
            throw new CliException("--max-words must be at least 1.");
        }
        long start = System.nanoTime();
        WordVectors read = WordVectorReader.read(vectors, WordVectorReader.Request.forText(text.text()));
        out.printf(Locale.ROOT, "Vectors %s: %,d of dimension %d in the file, %,d kept for this corpus, read in %.1f s.%n",
                read.name(), read.wordsInFile(), read.dimension(), read.words().size(), (System.nanoTime() - start) / 1e9);
        if (read.malformedLines() > 0) {
            out.printf(Locale.ROOT, "  %,d malformed lines were skipped, such as %s.%n", read.malformedLines(),
                    String.join("; ", read.problems().subList(0, Math.min(3, read.problems().size()))));
        }
        WordVectors.Coverage coverage = read.coverage(text.text());
        out.printf(Locale.ROOT, "  %,d of the corpus's %,d distinct words have a vector; %,d have none and start random.%n",
                coverage.withVectors(), coverage.distinctWords(), coverage.withoutVectors());
        return LanguageModel.createWordModel(config, text, read, maxWords, !fineTune);
    }

    /** How often progress is printed when the output is not a terminal, and how often a live sample comes. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    /**
     * Prints what a run reports. On a terminal the batch line rewrites itself in place; piped to a
     * file or another program it is printed as a plain line every {@link #PROGRESS_INTERVAL}.
     */
    private static final class Report implements Consumer<TrainingEvent> {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean terminal;
        private long lastProgressLine = System.nanoTime() - PROGRESS_INTERVAL.toNanos(); // the first batch shows one
        private boolean progressShown; // a terminal's progress line is on screen

        Report(PrintWriter out, PrintWriter err, boolean terminal) {
            this.out = out;
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void accept(TrainingEvent event) {
            if (event instanceof TrainingEvent.BatchDone b) {
                String progress = String.format(Locale.ROOT, "  epoch %d/%d  batch %d/%d  loss %.3f  %,.0f chars/s  %s left",
                        b.epoch(), b.epochs(), b.batch(), b.batchesPerEpoch(), b.lossNats(), b.charsPerSecond(),
                        Formats.seconds(b.secondsLeft()));
                if (terminal) {
                    out.print("\r" + progress + "   ");
                    progressShown = true;
                } else if (System.nanoTime() - lastProgressLine >= PROGRESS_INTERVAL.toNanos()) {
                    out.println(progress);
                    lastProgressLine = System.nanoTime();
                }
            } else if (event instanceof TrainingEvent.LiveSample s) {
                clearProgress();
                out.printf(Locale.ROOT, "  %.2f epochs  loss %.3f  T=%.1f  [%s]%s%n", s.epochs(), s.lossNats(), s.temperature(),
                        oneLine(s.seed()), oneLine(s.text()));
            } else if (event instanceof TrainingEvent.EpochDone e) {
                clearProgress();
                out.printf(Locale.ROOT, "epoch %d/%d  train %s  validation %s  %s%n", e.record().epoch(), e.epochs(),
                        Formats.loss(e.record().trainLossNats()), Formats.loss(e.record().validationLossNats()),
                        Formats.seconds(e.record().seconds()));
            } else if (event instanceof TrainingEvent.CheckpointFailed f) {
                err.println("Warning: " + f.message());
                err.flush();
            } else if (event instanceof TrainingEvent.EpochSamples s) {
                out.println("  seed: " + oneLine(s.seed()));
                for (TrainingEvent.Sample sample : s.samples()) {
                    out.printf(Locale.ROOT, "  T=%.1f: %s%n", sample.temperature(), oneLine(sample.text()));
                }
            }
            out.flush();
        }

        private void clearProgress() {
            if (progressShown) {
                out.print("\r" + " ".repeat(90) + "\r");
                progressShown = false;
            }
        }
    }

    private static String oneLine(String text) {
        return text.replace("\n", " ↵ ");
    }

}
