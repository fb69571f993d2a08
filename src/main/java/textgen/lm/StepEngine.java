package textgen.lm;

/**
 * Runs a recurrent network one timestep at a time for several streams at once, keeping each
 * stream's state between calls. Not thread-safe.
 */
public interface StepEngine {

    int streams();

    int vocabularySize();

    /** Forgets all state: the next step starts from the network's initial state. */
    void reset();

    /**
     * Feeds one symbol per stream and returns, per stream, the probabilities of the next symbol.
     * The returned arrays are fresh.
     */
    float[][] step(int[] symbols);
}
