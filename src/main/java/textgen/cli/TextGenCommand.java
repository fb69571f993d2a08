package textgen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import textgen.lm.io.ModelFileException;
import textgen.lm.training.TrainingException;
import textgen.text.CorpusException;

/** {@code textgen}: the headless commands, over the same engine the window uses. */
@Command(name = "textgen",
        mixinStandardHelpOptions = true,
        version = "TextGen Playground 0.1.0",
        description = "Train character-level LSTM language models and sample from them.",
        footer = {"", "With no command, the playground window opens.",
                "bench-ui [SECONDS] measures the window's responsiveness while training (needs a display)."},
        subcommands = {TrainCommand.class, GenerateCommand.class, DistCommand.class, EvalCommand.class,
                VectorsCommand.class, CellsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class TextGenCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show the full stack trace when something goes wrong.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** A configured command line writing to {@code out} and {@code err}; tests use it directly. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TextGenCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.matchedOptionValue("--verbose", false)
                    || parseResult.subcommand() != null && parseResult.subcommand().matchedOptionValue("--verbose", false);
            commandLine.getErr().println("Error: " + userMessage(ex));
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    /** One clear sentence for the user; the exception's own message where it was written for people. */
    static String userMessage(Throwable ex) {
        if (ex instanceof CorpusException || ex instanceof ModelFileException || ex instanceof TrainingException
                || ex instanceof textgen.text.WordVectorException
                || ex instanceof IllegalArgumentException || ex instanceof CliException) {
            return ex.getMessage();
        }
        if (ex instanceof IOException) {
            return "A file could not be read or written: " + ex.getMessage() + ".";
        }
        if (ex instanceof OutOfMemoryError) {
            return "The program ran out of memory; try a smaller network or batch size.";
        }
        return "The command stopped because of an internal error (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "). Run again with --verbose for details.";
    }
}
