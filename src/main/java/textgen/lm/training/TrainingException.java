package textgen.lm.training;

/** Training cannot start or go on; the message is for the user. */
public class TrainingException extends Exception {

    public TrainingException(String message) {
        super(message);
    }
}
