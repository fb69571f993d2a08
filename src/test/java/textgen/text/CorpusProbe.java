package textgen.text;

import java.nio.file.Path;

/** Run in a child JVM with a small heap: loads a corpus file and prints its size and note. */
public final class CorpusProbe {

    private CorpusProbe() {
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = CorpusLoader.loadFile(Path.of(args[0]));
        System.out.println(corpus.text().length() + "\t" + corpus.note());
    }
}
