package io.nova.platform.ui.serving;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.nova.platform.core.apikey.ApiKeyRequest;
import io.nova.platform.core.apikey.IssuedApiKey;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.core.apikey.ModelApiKeyView;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.ui.common.FieldErrors;
import io.nova.platform.ui.common.Notices;
import io.nova.platform.ui.common.PagedItems;

/**
 * The tenant's API keys for its model endpoints: names and first characters for everybody who may see the tenant;
 * issuing, rotating and revoking for its admins. A new key is shown once, in a dialog, and never again.
 */
class ApiKeysPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(java.time.ZoneId.systemDefault());

    private final ModelApiKeyService keys;
    private final String slug;
    private final Grid<ModelApiKeyView> grid = new Grid<>();
    private final TextField name = new TextField("Key name");
    private final FieldErrors errors = new FieldErrors();

    ApiKeysPanel(ModelApiKeyService keys, String slug, boolean canChange) {
        this.keys = keys;
        this.slug = slug;
        setPadding(false);
        setId("api-keys");
        var intro = new Paragraph("Callers send a key as \"Authorization: Bearer <key>\" to a model's gateway URL. "
                + "StarVault keeps only its SHA-256; a revoked or rotated key is refused within about two minutes.");
        intro.addClassNames("text-s", "text-secondary");
        add(new H3("API keys"), intro);
        grid.addColumn(ModelApiKeyView::name).setHeader("Name");
        grid.addColumn(k -> k.prefix() + "…").setHeader("Starts with");
        grid.addColumn(ModelApiKeyView::createdBy).setHeader("Created by");
        grid.addColumn(k -> WHEN.format(k.createdAt())).setHeader("Created");
        grid.addColumn(k -> k.rotatedAt() == null ? "" : WHEN.format(k.rotatedAt())).setHeader("Rotated");
        if (canChange) {
            grid.addComponentColumn(this::actions).setHeader("");
        }
        grid.setItems(query -> PagedItems.fetch(query, page -> keys.list(slug, page)));
        grid.setAllRowsVisible(true);
        grid.setId("api-key-grid");
        add(grid);
        if (canChange) {
            name.setId("api-key-name");
            name.setHelperText("Lower-case letters, digits and '-'");
            errors.bind("name", name);
            var create = new Button("Create key", VaadinIcon.KEY.create(), click -> create());
            create.setId("api-key-create");
            var form = new HorizontalLayout(name, create);
            form.setAlignItems(Alignment.BASELINE);
            add(form);
        }
    }

    private HorizontalLayout actions(ModelApiKeyView key) {
        var rotate = new Button("Rotate", click -> confirm(key, true));
        rotate.addThemeVariants(ButtonVariant.LUMO_SMALL);
        rotate.setId("api-key-rotate-" + key.name());
        var revoke = new Button("Revoke", click -> confirm(key, false));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        revoke.setId("api-key-revoke-" + key.name());
        return new HorizontalLayout(rotate, revoke);
    }

    private void create() {
        try {
            IssuedApiKey issued = keys.create(slug, new ApiKeyRequest(name.getValue().isBlank() ? null
                    : name.getValue().strip()));
            errors.clear();
            name.clear();
            grid.getDataProvider().refreshAll();
            show(issued);
        } catch (DomainException e) {
            errors.showRefusal(e);
        }
    }

    private void confirm(ModelApiKeyView key, boolean rotate) {
        new ConfirmDialog((rotate ? "Rotate " : "Revoke ") + key.name() + "?", rotate
                ? "A new key replaces it; callers with the old one are refused within about two minutes."
                : "Callers with this key are refused within about two minutes.", rotate ? "Rotate" : "Revoke",
                click -> {
                    try {
                        if (rotate) {
                            show(keys.rotate(slug, key.name()));
                        } else {
                            keys.revoke(slug, key.name());
                            Notices.saved("API key " + key.name() + " revoked");
                        }
                        grid.getDataProvider().refreshAll();
                    } catch (DomainException e) {
                        Notices.refused(e);
                    }
                }, "Cancel", click -> { }).open();
    }

    /** The key, this once. */
    private static void show(IssuedApiKey issued) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("API key " + issued.apiKey().name());
        dialog.setId("api-key-issued");
        var key = new TextField("Copy it now: it is not shown again");
        key.setValue(issued.key());
        key.setReadOnly(true);
        key.setWidthFull();
        key.setId("api-key-value");
        dialog.add(key);
        dialog.setWidth("40rem");
        var done = new Button("Done", click -> dialog.close());
        done.setId("api-key-done");
        dialog.getFooter().add(done);
        dialog.open();
    }
}
