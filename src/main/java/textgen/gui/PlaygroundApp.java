package textgen.gui;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import textgen.gui.engine.Engine;

/** The JavaFX application: one window, the playground. Started by {@link textgen.Launcher}. */
public final class PlaygroundApp extends Application {

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        open(stage, args.isEmpty() ? null : Path.of(args.get(0)));
    }

    /**
     * Builds the window on {@code stage}, shows it and starts loading in the background
     * {@code model} if not null (a file the user opened the app with), else the model of last time.
     */
    public static MainWindow open(Stage stage, Path model) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        AppViewModel app = new AppViewModel(new Engine(javafx.application.Platform::runLater));
        MainWindow window = new MainWindow(app);
        Scene scene = new Scene(window, 1280, 820);
        scene.getStylesheets().add(PlaygroundApp.class.getResource("playground.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(app.titleProperty());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            if (!window.confirmClose()) {
                e.consume();
                return;
            }
            window.shutdown();
        });
        stage.getIcons().add(new Image(PlaygroundApp.class.getResource("icon.png").toExternalForm()));
        stage.show();
        app.start(model);
        return window;
    }
}
