package textgen.lm;

/**
 * What an LSTM holds after reading one symbol, for one stream: per layer and unit, the hidden
 * state (what it passes on), the cell state (what it remembers) and its three gates after
 * activation (how much it takes in, keeps and lets out). Indexed {@code [layer][unit]}.
 */
public record CellState(float[][] hidden, float[][] cell, float[][] inputGate, float[][] forgetGate, float[][] outputGate) {

    /** The quantities a view can show, each {@code [layer][unit]}. */
    public enum Quantity {
        HIDDEN("hidden state", -1),
        CELL("cell state", -1),
        INPUT_GATE("input gate", 0),
        FORGET_GATE("forget gate", 0),
        OUTPUT_GATE("output gate", 0);

        private final String label;
        private final double low;

        Quantity(String label, double low) {
            this.label = label;
            this.low = low;
        }

        public String label() {
            return label;
        }

        /** Where the colour scale starts (it ends at 1): the gates lie in [0, 1]; the states are drawn in [-1, 1]. */
        public double low() {
            return low;
        }
    }

    /** One quantity of one layer, {@code [unit]}. */
    public float[] of(Quantity quantity, int layer) {
        return switch (quantity) {
            case HIDDEN -> hidden[layer];
            case CELL -> cell[layer];
            case INPUT_GATE -> inputGate[layer];
            case FORGET_GATE -> forgetGate[layer];
            case OUTPUT_GATE -> outputGate[layer];
        };
    }

    public int layers() {
        return hidden.length;
    }

    public int units() {
        return hidden[0].length;
    }
}
