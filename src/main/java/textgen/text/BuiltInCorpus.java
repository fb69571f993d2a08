package textgen.text;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The corpora that ship with the app. Their text is other people's: it arrives as Maven
 * artifacts unpacked onto the classpath at build time and is never committed.
 */
public enum BuiltInCorpus {

    DICKENS("dickens", "A complete Dickens novel (English, 1.2 MB)", "dickens.txt"),
    SHAKESPEARE("shakespeare", "A Shakespeare play (English, 100 kB)", "shakes.txt"),
    TANG("tang", "306 Tang poems, one per line (Chinese)", "tang-poems.json"),
    NAMES("names", "5,000 English first names, one per line", "first-names-en.txt");

    private static final String RESOURCE_DIR = "/textgen/corpora/";

    private final String id;
    private final String description;
    private final String resource;

    BuiltInCorpus(String id, String description, String resource) {
        this.id = id;
        this.description = description;
        this.resource = resource;
    }

    /** The short name used on the command line and in model files. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The built-in corpus called {@code name} (case-insensitive), or null. */
    public static BuiltInCorpus byId(String name) {
        for (BuiltInCorpus c : values()) {
            if (c.id.equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    public Corpus load() throws CorpusException {
        try (InputStream in = BuiltInCorpus.class.getResourceAsStream(RESOURCE_DIR + resource)) {
            if (in == null) {
                throw new CorpusException("The built-in corpus '" + id + "' is missing from this build; rebuild with 'mvn package'.");
            }
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String text = this == TANG ? flattenPoems(new StringReader(raw)) : raw;
            return new Corpus(id, Corpus.normalize(text));
        } catch (IOException | JsonParseException e) {
            throw new CorpusException("The built-in corpus '" + id + "' could not be read: " + e.getMessage(), e);
        }
    }

    /** One JSON poem of the Tang collection. */
    private record Poem(String author, String title, List<String> content) {
    }

    /**
     * One poem per line: title, author, then the verses joined as couplets,
     * e.g. {@code 《春晓》孟浩然：春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。}
     */
    static String flattenPoems(Reader json) {
        Poem[] poems = new Gson().fromJson(json, Poem[].class);
        StringBuilder sb = new StringBuilder();
        for (Poem poem : poems) {
            if (poem == null || poem.content() == null || poem.content().isEmpty()) {
                continue;
            }
            sb.append(poem.title() == null ? "" : poem.title().strip())
                    .append(poem.author() == null ? "" : poem.author().strip())
                    .append('：');
            List<String> verses = poem.content();
            for (int i = 0; i < verses.size(); i++) {
                sb.append(verses.get(i).strip()).append(i % 2 == 0 && i < verses.size() - 1 ? '，' : '。');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
