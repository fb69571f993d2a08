package textgen.cli;

/** A command cannot do what was asked; the message is for the user. */
class CliException extends Exception {

    CliException(String message) {
        super(message);
    }
}
