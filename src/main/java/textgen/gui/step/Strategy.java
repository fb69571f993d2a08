package textgen.gui.step;

import textgen.sampling.Sampler;

/** The ways of choosing the next symbol (character or word) that the teaching view compares. */
public enum Strategy {

    GREEDY("Greedy", "always take the likeliest"),
    SAMPLING("Pure sampling", "draw from the network's own distribution"),
    TEMPERATURE("Temperature", "reweight by T, then draw"),
    TOP_K("Top-k", "keep the k likeliest, renormalise, draw"),
    TOP_P("Top-p (nucleus)", "keep the fewest likeliest whose mass reaches p, renormalise, draw");

    private final String title;
    private final String summary;

    Strategy(String title, String summary) {
        this.title = title;
        this.summary = summary;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    /** The sampler for this strategy; temperature applies to temperature, top-k and top-p. */
    public Sampler sampler(double temperature, int k, double p) {
        return switch (this) {
            case GREEDY -> Sampler.greedy();
            case SAMPLING -> Sampler.multinomial();
            case TEMPERATURE -> Sampler.withTemperature(temperature);
            case TOP_K -> Sampler.withTemperature(temperature).topK(k);
            case TOP_P -> Sampler.withTemperature(temperature).topP(p);
        };
    }

    @Override
    public String toString() {
        return title;
    }
}
