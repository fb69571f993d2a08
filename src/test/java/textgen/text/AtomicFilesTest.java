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

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
