package textgen.gui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import textgen.gui.engine.Engine;

/** The JavaFX application: one window, the playground. Started by {@link textgen.Launcher}. */
public final class PlaygroundApp extends Application {

    @Override
    public void start(Stage stage) {
        open(stage);
    }

    /** Builds the window on {@code stage}, shows it and starts loading the model in the background. */
    public static MainWindow open(Stage stage) {
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
        stage.show();
        app.start();
        return window;
    }
}
