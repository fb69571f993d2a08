package textgen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that fails midway leaves the previous file exactly as it was, and no debris. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailureMidwayLeavesThePreviousFileIntact() throws Exception {
        Path target = Files.writeString(dir.resolve("model.tgm"), "the good copy");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of a new ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("the good copy", Files.readString(target));
        assertEquals(List.of("model.tgm"), names());
    }

    @Test
    void aRuntimeFailureMidwayAlsoLeavesItIntact() throws Exception {
        Path target = Files.writeString(dir.resolve("model.tgm"), "the good copy");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("a bug while writing");
        }));
        assertEquals("the good copy", Files.readString(target));
        assertEquals(List.of("model.tgm"), names());
    }

    @Test
    void aFolderThatCannotBeWrittenFailsWithoutTouchingAnything() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        assertThrows(IOException.class, () -> AtomicFiles.write(blocker.resolve("model.tgm"), out -> out.write(1)));
        assertEquals("a file where a folder should be", Files.readString(blocker));
    }

    @Test
    void aSuccessfulWriteReplacesTheFileWhole() throws Exception {
        Path target = Files.writeString(dir.resolve("model.tgm"), "old");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("model.tgm"), names());
    }

    /** The real steps, each also written down with what the disk holds at that moment. */
    private final class Recorded implements AtomicFiles.Steps {
        final List<String> log = new java.util.ArrayList<>();
        IOException deleteFails;

        @Override
        public void syncFile(java.nio.channels.FileChannel file) throws IOException {
            log.add("sync file of " + file.size() + " bytes");
            AtomicFiles.DISK.syncFile(file);
        }

        @Override
        public void syncFolder(Path folder) throws IOException {
            log.add("sync folder holding " + names());
            AtomicFiles.DISK.syncFolder(folder);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            log.add("move");
            AtomicFiles.DISK.move(from, to);
        }

        @Override
        public void delete(Path file) throws IOException {
            log.add("delete");
            if (deleteFails != null) {
                throw deleteFails;
            }
            AtomicFiles.DISK.delete(file);
        }
    }

    /** For a power cut: the new content reaches the disk before the move, and the move before write returns. */
    @Test
    void theFileIsSyncedBeforeItIsMovedAndTheFolderAfter() throws Exception {
        Path target = Files.writeString(dir.resolve("model.tgm"), "old");
        Recorded steps = new Recorded();
        AtomicFiles.write(target, out -> out.write("twelve bytes".getBytes(StandardCharsets.UTF_8)), steps);
        assertEquals(4, steps.log.size(), steps.log.toString());
        assertEquals("sync file of 12 bytes", steps.log.get(0));
        assertTrue(steps.log.get(1).startsWith("sync folder holding [.model.tgm."), steps.log.get(1));
        assertEquals("move", steps.log.get(2));
        assertEquals("sync folder holding [model.tgm]", steps.log.get(3));
        assertEquals("twelve bytes", Files.readString(target));
    }

    @Test
    void whenCleaningUpFailsTooTheFirstFailureIsTheOneReported() throws Exception {
        Path target = Files.writeString(dir.resolve("model.tgm"), "the good copy");
        Recorded steps = new Recorded();
        steps.deleteFails = new IOException("Permission denied");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("No space left on device");
        }, steps));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("Permission denied", e.getSuppressed()[0].getMessage());
        assertEquals("the good copy", Files.readString(target));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
