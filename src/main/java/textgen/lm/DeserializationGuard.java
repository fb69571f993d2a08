package textgen.lm;

import java.io.ObjectInputFilter;
import java.util.concurrent.atomic.AtomicLong;
import textgen.lm.io.ModelFile;

/**
 * Turns Java deserialization off for the whole process. Model files are loaded without it (raw
 * floats and JSON, see {@link ModelFile}), and so is DL4J on the path we use, but a library
 * might one day call {@code ObjectInputStream} on bytes from a shared file; with this filter in
 * place that call fails instead of running code the file names.
 */
public final class DeserializationGuard {

    private static final AtomicLong REJECTED = new AtomicLong();

    private DeserializationGuard() {
    }

    /**
     * Installs the filter, once per process; later calls do nothing. A process started with a
     * filter of its own ({@code -Djdk.serialFilter=!*}, as the packaged app is) keeps it: the JVM
     * allows one, and that one already refuses every class.
     */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() != null) {
            return;
        }
        ObjectInputFilter.Config.setSerialFilter(new Filter());
    }

    /** How many classes the filter has refused since the process started. */
    public static long rejectedCount() {
        return REJECTED.get();
    }

    private static final class Filter implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            if (info.serialClass() == null) {
                return Status.UNDECIDED; // sizes and depth only; no class is created
            }
            REJECTED.incrementAndGet();
            return Status.REJECTED;
        }
    }
}
