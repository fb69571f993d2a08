package textgen.gui.engine;

/** The models that ship inside the app, trained by us with the command line (see models/*.md). */
public enum BuiltInModel {

    ENGLISH("Dickens (English)", "/textgen/models/dickens.tgm", "The old man "),
    CHINESE("Tang poems (Chinese)", "/textgen/models/tang.tgm", "《春晓》孟浩然：");

    private final String title;
    private final String resource;
    private final String defaultSeed;

    BuiltInModel(String title, String resource, String defaultSeed) {
        this.title = title;
        this.resource = resource;
        this.defaultSeed = defaultSeed;
    }

    /** A seed in the model's own language, for when the current one means nothing to it. */
    public String defaultSeed() {
        return defaultSeed;
    }

    public String title() {
        return title;
    }

    public String resource() {
        return resource;
    }
}
