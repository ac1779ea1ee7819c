package io.nova.platform.ui.common;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Anything a view did not handle itself: a refusal by a service is shown as its message; anything else is logged
 * with its stack trace and shown as a short apology, never as the trace.
 */
@Component
class ConsoleErrorHandler implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable error = event.getThrowable();
        if (!ErrorMessages.isDomain(error)) {
            log.error("Console error", error);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> Notices.refused(error));
        }
    }
}
