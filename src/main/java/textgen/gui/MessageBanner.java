package textgen.gui;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * A message across the top of the window that pushes the content down rather than covering
 * it, so the window stays usable while it shows. It closes itself after a while, or on ✕.
 */
public final class MessageBanner extends HBox {

    private final Label title = new Label();
    private final Label message = new Label();
    private final PauseTransition autoHide = new PauseTransition(Duration.seconds(15));

    public MessageBanner() {
        setId("messageBanner");
        getStyleClass().add("message-banner");
        title.getStyleClass().add("banner-title");
        message.setId("messageText");
        message.setWrapText(true);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button("✕");
        close.setId("closeMessage");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close this message"));
        close.setOnAction(e -> hide());
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 8, 12));
        getChildren().addAll(title, message, close);
        managedProperty().bind(visibleProperty());
        setVisible(false);
        autoHide.setOnFinished(e -> hide());
    }

    public void show(String heading, String text) {
        title.setText(heading);
        message.setText(text);
        setVisible(true);
        autoHide.playFromStart();
    }

    public void hide() {
        autoHide.stop();
        setVisible(false);
    }

    public boolean isShowing() {
        return isVisible();
    }

    /** The heading and the message, as shown. */
    public String getText() {
        return title.getText() + ": " + message.getText();
    }
}
