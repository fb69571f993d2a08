package textgen.gui;

import javafx.scene.control.Spinner;

/** Small helpers for editable spinners. */
public final class Spinners {

    private Spinners() {
    }

    /** Commits typed text when the spinner loses focus; an unparsable entry reverts to the last value. */
    public static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                try {
                    spinner.commitValue();
                } catch (RuntimeException e) {
                    spinner.cancelEdit();
                }
            }
        });
    }
}
