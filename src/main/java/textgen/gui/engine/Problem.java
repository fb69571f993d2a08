package textgen.gui.engine;

/**
 * A problem for the user, in words a student understands: what happened and what to do, with
 * an optional button that offers a way out (such as training again more gently).
 */
public record Problem(String title, String message, String actionLabel, Runnable action) {

    public Problem(String title, String message) {
        this(title, message, null, null);
    }
}
