package textgen.lm.io;

/** A model file could not be read; the message says why in plain words. */
public class ModelFileException extends Exception {

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
