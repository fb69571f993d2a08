package textgen.gui;

/** The models that ship inside the app, trained by us with the command line (see models/*.md). */
public enum BuiltInModel {

    ENGLISH("Dickens (English)", "/textgen/models/dickens.tgm"),
    CHINESE("Tang poems (Chinese)", "/textgen/models/tang.tgm");

    private final String title;
    private final String resource;

    BuiltInModel(String title, String resource) {
        this.title = title;
        this.resource = resource;
    }

    public String title() {
        return title;
    }

    String resource() {
        return resource;
    }
}
