package textgen.gui;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A message across the top of the window that pushes the content down rather than covering
 * it, so the window stays usable while it shows. It closes itself after a while, or on ✕.
 */
public final class MessageBanner extends HBox {

    private final Label title = new Label();
    private final Label message = new Label();
    private final Button action = new Button();
    private final PauseTransition autoHide = new PauseTransition(Duration.seconds(15));

    public MessageBanner() {
        setId("messageBanner");
        getStyleClass().add("message-banner");
        title.getStyleClass().add("banner-title");
        message.setId("messageText");
        message.setWrapText(true);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        // The message wraps; the title and the button keep their whole text.
        title.setMinWidth(Region.USE_PREF_SIZE);
        action.setMinWidth(Region.USE_PREF_SIZE);
        action.setId("messageAction");
        action.managedProperty().bind(action.visibleProperty());
        action.setVisible(false);
        Button close = new Button("✕");
        close.setId("closeMessage");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close this message"));
        close.setOnAction(e -> hide());
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 8, 12));
        getChildren().addAll(title, message, action, close);
        managedProperty().bind(visibleProperty());
        setVisible(false);
        autoHide.setOnFinished(e -> hide());
    }

    public void show(String heading, String text) {
        show(heading, text, null, null);
    }

    /**
     * Shows a message with a button that offers a way out ({@code actionLabel} may be null for
     * none). A message with a button stays until it is used or closed.
     */
    public void show(String heading, String text, String actionLabel, Runnable onAction) {
        title.setText(heading);
        message.setText(text);
        action.setVisible(actionLabel != null);
        action.setText(actionLabel == null ? "" : actionLabel);
        action.setOnAction(onAction == null ? null : e -> {
            hide();
            onAction.run();
        });
        setVisible(true);
        if (actionLabel == null) {
            autoHide.playFromStart();
        } else {
            autoHide.stop();
        }
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
