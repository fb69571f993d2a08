package textgen.text;

/** A word-vectors file that cannot be used; the message says why and what to do. */
public final class WordVectorException extends Exception {

    public WordVectorException(String message) {
        super(message);
    }

    public WordVectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
