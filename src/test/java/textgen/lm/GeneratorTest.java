package textgen.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import textgen.lm.training.TrainingException;
import textgen.sampling.Rng;
import textgen.sampling.Sampler;

class GeneratorTest {

    private static LanguageModel model;

    @BeforeAll
    static void train() throws TrainingException {
        model = TinyModels.trained(8);
    }

    @Test
    void unknownSeedCharactersAreSkippedAndNamed() {
        Generator.Run run = model.generator().start("the Zcat é", Sampler.multinomial(), Rng.seeded(1));
        assertEquals(List.of("Z", "é"), run.skippedSeedSymbols());
        assertTrue(run.seedWarning().contains("'Z' (U+005A)"), run.seedWarning());
        assertTrue(run.seedWarning().contains("'é' (U+00E9)"), run.seedWarning());
        assertEquals("the cat ", run.primedWith());
        assertEquals(1, run.step().size());
    }

    @Test
    void aLongListOfUnknownCharactersIsShortened() {
        Generator.Run run = model.generator().start("ABCDEFGH the", Sampler.multinomial(), Rng.seeded(1));
        assertEquals(8, run.skippedSeedSymbols().size());
        assertTrue(run.seedWarning().contains("'E' (U+0045), and 3 more"), run.seedWarning());
    }

    @Test
    void emptyOrEntirelyUnknownSeedsStartAtALineBreak() {
        for (String seed : new String[] {"", "XYZ"}) {
            Generator.Run run = model.generator().start(seed, Sampler.multinomial(), Rng.seeded(1));
            assertEquals("\n", run.primedWith());
            assertEquals(1, run.step().size());
        }
        assertNull(model.generator().start("the", Sampler.multinomial(), Rng.seeded(1)).seedWarning());
    }

    @Test
    void eachCharacterCarriesTheDistributionItWasDrawnFrom() {
        Generator.Run run = model.generator().start("the ", Sampler.withTemperature(0.7).topK(5), Rng.seeded(2));
        for (int i = 0; i < 50; i++) {
            double[] before = run.nextDistribution(0);
            GeneratedSymbol c = run.step().get(0);
            assertEquals(1, sum(c.networkDistribution()), 1e-9);
            assertEquals(1, sum(c.samplingDistribution()), 1e-9);
            assertEquals(c.samplingDistribution()[c.index()], c.probability(), 0);
            assertTrue(c.probability() > 0);
            assertEquals(model.vocabulary().symbol(c.index()), c.symbol());
            assertEquals(before[c.index()], c.networkDistribution()[c.index()], 0);
            long kept = java.util.Arrays.stream(c.samplingDistribution()).filter(p -> p > 0).count();
            assertTrue(kept <= 5);
        }
    }

    @Test
    void theSameRngSeedGivesTheSameText() {
        Generator g = model.generator();
        String a = g.generate("the ", Sampler.withTemperature(1.2), 200, Rng.seeded(42));
        String b = g.generate("the ", Sampler.withTemperature(1.2), 200, Rng.seeded(42));
        String c = g.generate("the ", Sampler.withTemperature(1.2), 200, Rng.seeded(43));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void batchedStreamsMatchSingleStreams() {
        List<Sampler> samplers = List.of(Sampler.greedy(), Sampler.withTemperature(0.01), Sampler.greedy());
        Generator.Run batched = model.generator().start("the dog ", samplers, Rng.seeded(1));
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (int i = 0; i < 40; i++) {
            List<GeneratedSymbol> step = batched.step();
            for (int s = 0; s < 3; s++) {
                texts[s].append(step.get(s).text());
            }
        }
        String single = model.generator().generate("the dog ", Sampler.greedy(), 40, Rng.seeded(9));
        assertEquals(single, texts[0].toString());
        assertEquals(single, texts[2].toString());
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
