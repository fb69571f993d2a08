package textgen.lm;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many native threads ND4J may use. Its OpenMP threads spin while waiting; on a 2-core
 * machine with a UI thread busy, two of them trained 2-3x slower than one, so the default
 * leaves a core free on small machines.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    /** One thread up to 2 cores (leave one for the UI), otherwise all cores but one, at most 8. */
    public static int defaultCount() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 1 : Math.min(8, cores - 1);
    }

    /** Sets OpenMP, BLAS and ND4J's own thread limits to {@code threads}. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("At least one native thread is needed, but " + threads + " was asked for.");
        }
        Nd4j.getBackend(); // loads the natives; NativeOpsHolder fails if touched first
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
