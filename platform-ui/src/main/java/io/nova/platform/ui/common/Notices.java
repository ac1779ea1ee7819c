package io.nova.platform.ui.common;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short messages in the corner: green when something was saved, red (and staying longer) when refused. */
public final class Notices {

    private Notices() {
    }

    public static void saved(String message) {
        Notification notification = Notification.show(message, 3000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void refused(Throwable error) {
        refused(ErrorMessages.of(error));
    }

    public static void refused(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.getElement().setAttribute("role", "alert");
    }
}
