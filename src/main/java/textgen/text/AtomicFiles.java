package textgen.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writing a file so that a failure midway (disk full, read-only folder, a power cut) leaves
 * either the previous file or the new one, whole: write a temporary file beside it, flush it to
 * the disk, move it over the target, and flush the folder so that the move itself is kept.
 */
public final class AtomicFiles {

    /** What writes the content. */
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The file-system steps of a write; the tests replace them to watch their order or make them fail. */
    interface Steps {
        /** Waits until the file's content is on the disk. */
        void syncFile(FileChannel file) throws IOException;

        /** Waits until the folder's entries (a new or renamed file) are on the disk. */
        void syncFolder(Path folder) throws IOException;

        void move(Path from, Path to) throws IOException;

        void delete(Path file) throws IOException;
    }

    /** The real steps. */
    static final Steps DISK = new Steps() {
        @Override
        public void syncFile(FileChannel file) throws IOException {
            file.force(true);
        }

        @Override
        public void syncFolder(Path folder) throws IOException {
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // Windows cannot open a folder as a file; there the move is as durable as the OS makes it.
                if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                    throw e;
                }
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    };

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, DISK);
    }

    static void write(Path target, Writer writer, Steps steps) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stick to the result.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                steps.syncFile(channel);
            }
            steps.syncFolder(dir);
            steps.move(temp, absolute);
            steps.syncFolder(dir);
        } catch (IOException | RuntimeException e) {
            try {
                steps.delete(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // the first failure is the one to report
            }
            throw e;
        }
    }
}
