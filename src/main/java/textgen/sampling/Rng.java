package textgen.sampling;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Random sources for sampling: seeded ones make generation reproducible. */
public final class Rng {

    private Rng() {
    }

    /** The same seed gives the same sequence of draws, on every run and machine. */
    public static RandomGenerator seeded(long seed) {
        return new SplittableRandom(seed);
    }

    /** A fresh source seeded from the clock and a counter. */
    public static RandomGenerator unseeded() {
        return new SplittableRandom();
    }

    /** A seeded source, or an unseeded one when {@code seed} is null. */
    public static RandomGenerator of(Long seed) {
        return seed == null ? unseeded() : seeded(seed);
    }
}
