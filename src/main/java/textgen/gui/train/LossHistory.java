package textgen.gui.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A training run's losses: each batch's, and each epoch's on the held-out text, in nats per
 * character or word, against epochs. Points arrive as events do and are published once per
 * frame ({@link #publish}), so a chart that follows {@link #revisionProperty} redraws at most
 * once a frame however fast batches come.
 */
public final class LossHistory {

    private final List<double[]> batches = new ArrayList<>();     // {epochs, loss}
    private final List<double[]> validations = new ArrayList<>(); // {epoch, loss}
    private final ReadOnlyStringWrapper unit = new ReadOnlyStringWrapper(this, "unit", "character");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private boolean changed;
    private int run;

    /** Starts a new run over {@code newUnit}s ("character" or "word"). */
    public void clear(String newUnit) {
        batches.clear();
        validations.clear();
        run++;
        unit.set(newUnit);
        changed = true;
    }

    /** A batch's loss at {@code epochs} (fractional) into training; a loss that is not a number is left out. */
    public void addBatchLoss(double epochs, double lossNats) {
        if (Double.isFinite(lossNats)) {
            batches.add(new double[] {epochs, lossNats});
            changed = true;
        }
    }

    public void addValidationLoss(int epoch, double lossNats) {
        if (Double.isFinite(lossNats)) {
            validations.add(new double[] {epoch, lossNats});
            changed = true;
        }
    }

    /** Tells followers about what was added since the last call, if anything. */
    public void publish() {
        if (changed) {
            changed = false;
            revision.set(revision.get() + 1);
        }
    }

    /** Goes up with each {@link #clear}: a follower that saw another run starts over. */
    public int run() {
        return run;
    }

    public List<double[]> batches() {
        return Collections.unmodifiableList(batches);
    }

    public List<double[]> validations() {
        return Collections.unmodifiableList(validations);
    }

    public ReadOnlyStringProperty unitProperty() {
        return unit.getReadOnlyProperty();
    }

    /** Goes up each time points were published; a new run publishes its emptiness too. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
