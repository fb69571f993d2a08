package textgen.gui.inside;

import java.util.ArrayDeque;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import textgen.lm.CellState;

/**
 * The latest symbols the Generate or Step by step tab produced, each with what the network
 * held after reading it: the text the Inside view shows, newest last. It keeps the last
 * {@link #CAPACITY}; a new text (Generate pressed, Step reset) starts it afresh. Used on the UI
 * thread; followers watch {@link #revisionProperty}, which goes up once per change.
 */
public final class StateTrail {

    /** One symbol as it was read, and the state after reading it. */
    public record Entry(String text, CellState state) {
    }

    /** How many symbols are kept: enough for a few lines of tinted text. */
    public static final int CAPACITY = 400;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long addedSinceClear;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");

    /** Forgets everything: a new text begins. */
    public void clear() {
        entries.clear();
        addedSinceClear = 0;
        changed();
    }

    public void add(List<Entry> added) {
        if (added.isEmpty()) {
            return;
        }
        for (Entry e : added) {
            entries.addLast(e);
            addedSinceClear++;
            if (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
        changed();
    }

    /** Takes back the newest symbol (Step by step's Back). */
    public void removeLast() {
        if (!entries.isEmpty()) {
            entries.removeLast();
            changed();
        }
    }

    /** The entries kept, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** How many symbols the current text has had, including those no longer kept. */
    public long addedSinceClear() {
        return addedSinceClear;
    }

    public int size() {
        return entries.size();
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
