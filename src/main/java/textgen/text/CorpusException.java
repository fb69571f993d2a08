package textgen.text;

/** A corpus could not be read; the message says why and what to do, in plain words. */
public class CorpusException extends Exception {

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
