package textgen.lm.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import textgen.lm.LanguageModel;

/**
 * Per-epoch checkpoints in one folder, {@code NAME-epoch-NNN.tgm}, of which only the newest few
 * are kept. Each is written atomically, and older ones are deleted only after the new one is
 * complete, so there is always at least one good copy.
 */
public final class Checkpoints {

    public static final int DEFAULT_KEEP = 3;

    private final Path folder;
    private final String name;
    private final int keep;
    private final Pattern pattern;

    public Checkpoints(Path folder, String name, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("At least one checkpoint must be kept, not " + keep + ".");
        }
        this.folder = folder;
        this.name = name;
        this.keep = keep;
        this.pattern = Pattern.compile(Pattern.quote(name) + "-epoch-(\\d+)" + Pattern.quote(ModelFile.EXTENSION));
    }

    public Path folder() {
        return folder;
    }

    /** Writes the model as the checkpoint of {@code epoch}, then deletes all but the newest {@code keep}. */
    public Path save(LanguageModel model, int epoch, boolean withOptimizerState) throws IOException {
        Path file = folder.resolve(String.format(Locale.ROOT, "%s-epoch-%03d%s", name, epoch, ModelFile.EXTENSION));
        ModelFile.save(model, file, withOptimizerState);
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    /** This run's checkpoints in the folder, oldest epoch first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> pattern.matcher(f.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort((a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        return found;
    }

    private int epochOf(Path file) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
