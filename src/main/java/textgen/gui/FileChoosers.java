package textgen.gui;

import javafx.stage.FileChooser;

/** File choosers that offer one kind of file, with "All files" as the way out. */
public final class FileChoosers {

    private FileChoosers() {
    }

    public static FileChooser of(String title, String kind, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(kind, patterns),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return chooser;
    }
}
