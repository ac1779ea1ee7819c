package io.nova.platform.ui.login;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The development setup's sign-in page (with an OIDC issuer configured, the provider's page is used instead). */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Nova Platform")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        var note = new Paragraph("Development setup: sign in as admin with the password printed in the platform's "
                + "log at its first start. Configure an OIDC issuer for single sign-on.");
        note.addClassNames("text-s", "text-secondary");
        note.setMaxWidth("24rem");
        note.setId("dev-setup-note");
        add(form, note);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
