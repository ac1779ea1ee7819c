package io.nova.platform.ui.module;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.identity.ToolCredentialView;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.ui.common.Notices;

/**
 * The credentials the platform generated for a tenant's tool: their Secret names, keys and Vault paths (never their
 * values), each with a button that gives it new values in Vault.
 */
class CredentialsDialog extends Dialog {

    CredentialsDialog(ModuleDefinition module, ModuleCard.Credentials credentials, boolean canRotate) {
        setHeaderTitle("Credentials of " + module.name());
        setId("credentials-" + module.key());
        var list = new VerticalLayout();
        list.setPadding(false);
        for (ToolCredentialView credential : credentials.list(module.key())) {
            var name = new Code(credential.secret());
            var keys = new Span("keys " + String.join(", ", credential.keys()));
            keys.addClassNames("text-xs", "text-secondary");
            var description = new Paragraph(credential.description() == null ? "" : credential.description());
            description.addClassNames("text-s", "m-0");
            var path = new Paragraph("Kept in StarVault at " + credential.vaultPath()
                    + "; the tool reads it as the Kubernetes Secret of that name");
            path.addClassNames("text-xs", "text-secondary", "m-0");
            var entry = new VerticalLayout(name, keys, description, path);
            entry.setSpacing(false);
            entry.setPadding(false);
            if (canRotate) {
                var rotate = new Button("Rotate", click -> confirm(module, credential, credentials));
                rotate.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                rotate.setId("rotate-" + credential.secret());
                entry.add(rotate);
            }
            list.add(entry);
        }
        add(list);
        getFooter().add(new Button("Close", click -> close()));
    }

    private void confirm(ModuleDefinition module, ToolCredentialView credential, ModuleCard.Credentials credentials) {
        var confirm = new ConfirmDialog("Rotate " + credential.secret() + "?",
                "New values replace the current ones in StarVault; the tenant's namespace gets them within the secret "
                        + "store's refresh interval, and %s's pods read them when they restart.".formatted(
                        module.name()), "Rotate", click -> {
                    try {
                        credentials.rotate(module.key(), credential.secret());
                        Notices.saved(credential.secret() + " rotated");
                    } catch (DomainException e) {
                        Notices.refused(e);
                    }
                }, "Cancel", click -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("rotate-confirm");
        confirm.open();
    }
}
