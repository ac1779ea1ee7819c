package io.nova.platform.ui.module;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.identity.ToolCredentialView;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleInstallSpec;
import io.nova.platform.core.module.ModuleInstallView;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.ui.common.Notices;
import io.nova.platform.ui.common.PhaseChip;

/**
 * One module of the catalog for one owner (a tenant, or a cluster for its components): its switch, version, values,
 * credentials, phase and link.
 */
public class ModuleCard extends VerticalLayout {

    /** Saves an install of its owner: the tenant's or the cluster's put of the install service. */
    @FunctionalInterface
    public interface Put {
        void put(String module, ModuleInstallSpec spec, Long expectedVersion);
    }

    /** A tenant's generated credentials of its tools: listed and rotated through the credential service. */
    public interface Credentials {
        List<ToolCredentialView> list(String module);

        void rotate(String module, String secret);
    }

    private final ModuleDefinition module;
    private final ModuleInstallView install;
    private final Put owner;
    private final Runnable changed;

    ModuleCard(ModuleDefinition module, ModuleInstallView install, Map<String, ModuleInstallView> all,
               ModuleCatalog catalog, Put owner, Credentials credentials, boolean canChange, Runnable changed) {
        this.module = module;
        this.install = install;
        this.owner = owner;
        this.changed = changed;
        addClassName("stat-card");
        setId("module-" + module.key());
        setSpacing(false);
        setWidth("min(26rem, 100%)");
        boolean enabled = install != null && install.enabled();

        var title = new H3(module.name());
        title.addClassName("m-0");
        var chip = new PhaseChip(enabled, install == null ? null : install.phase());
        chip.setId("module-" + module.key() + "-phase");
        var head = new HorizontalLayout(title, chip);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        head.setWidthFull();
        head.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        add(head);
        var description = new Paragraph(module.description());
        description.addClassNames("text-s", "text-secondary", "m-0");
        add(description);
        if (module.webUi()) {
            var login = new Paragraph(login(module));
            login.setId("module-" + module.key() + "-login");
            login.addClassNames("text-xs", "text-secondary", "m-0");
            add(login);
        }

        var toggle = new Checkbox("On", enabled);
        toggle.setId("module-" + module.key() + "-enabled");
        toggle.setEnabled(canChange);
        toggle.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                switchTo(e.getValue(), all, catalog, toggle);
            }
        });
        var version = new Select<String>();
        version.setLabel("Version");
        version.setItems(module.supportedVersions());
        version.setValue(install != null ? install.version() : module.defaultVersion());
        version.setEnabled(canChange && enabled);
        version.setId("module-" + module.key() + "-version");
        version.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                put(new ModuleInstallSpec(true, e.getValue(), install.values(), false, install.secretDelivery()));
            }
        });
        version.setWidth("8rem");
        // a module without a chart only uses a cluster component: nothing to pick, no secrets of its own. How secrets
        // arrive is not a choice: every mode delivers through the External Secrets Operator (see SecretDelivery)
        var controls = module.hasChart() ? new HorizontalLayout(toggle, version)
                : new HorizontalLayout(toggle);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        controls.setWidthFull();
        add(controls);

        if (!module.components().isEmpty()) {
            var uses = new Paragraph("Uses the cluster's " + String.join(" and ", module.components().stream()
                    .map(key -> catalog.find(key).map(ModuleDefinition::name).orElse(key)).toList())
                    + "; no version or values of its own");
            uses.addClassNames("text-xs", "text-secondary", "m-0");
            uses.setId("module-" + module.key() + "-uses");
            add(uses);
        }
        if (!module.dependencies().isEmpty()) {
            var needs = new Paragraph("Needs " + String.join(", ", module.dependencies().stream()
                    .map(key -> catalog.find(key).map(ModuleDefinition::name).orElse(key)).toList()));
            needs.addClassNames("text-xs", "text-secondary", "m-0");
            add(needs);
        }
        if (enabled && install.message() != null && !install.message().isBlank()) {
            var message = new Paragraph(install.message());
            message.addClassNames("text-xs", "m-0");
            message.setId("module-" + module.key() + "-message");
            add(message);
        }

        var actions = new HorizontalLayout();
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (enabled && module.hasChart()) {
            var values = new Button("Values", VaadinIcon.CODE.create(),
                    click -> new ValuesDialog(module, install, canChange, this::saveValues).open());
            values.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            values.setId("module-" + module.key() + "-values");
            actions.add(values);
        }
        if (enabled && credentials != null && !module.generatedCredentials().isEmpty()) {
            var secrets = new Button("Credentials", VaadinIcon.KEY.create(),
                    click -> new CredentialsDialog(module, credentials, canChange).open());
            secrets.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            secrets.setId("module-" + module.key() + "-credentials");
            actions.add(secrets);
        }
        if (enabled && install.phase() == ModulePhase.READY && install.uiUrl() != null) {
            var open = new Anchor(install.uiUrl(), "Open", AnchorTarget.BLANK);
            open.getElement().setAttribute("rel", "noopener noreferrer");
            open.setId("module-" + module.key() + "-open");
            actions.add(open);
        }
        add(actions);
    }

    private void switchTo(boolean on, Map<String, ModuleInstallView> all, ModuleCatalog catalog, Checkbox toggle) {
        if (!on) {
            put(keeping(false, false));
            return;
        }
        List<String> missing = catalog.dependencyClosure(module.key()).stream()
                .filter(key -> !key.equals(module.key()))
                .filter(key -> all.get(key) == null || !all.get(key).enabled())
                .toList();
        if (missing.isEmpty()) {
            put(keeping(true, false));
            return;
        }
        String names = String.join(" and ", missing.stream()
                .map(key -> catalog.find(key).map(ModuleDefinition::name).orElse(key)).toList());
        var confirm = new ConfirmDialog(module.name() + " needs " + names,
                module.name() + " needs " + names + " — enable both?", "Enable both",
                click -> put(keeping(true, true)),
                "Cancel", click -> toggle.setValue(false));
        confirm.setId("dependency-confirm");
        confirm.open();
    }

    /**
     * How people log in to the tool's web UI, as its catalog entry says, with the entry's note (a tool without single
     * sign-on says why; one with it, who gets which role).
     */
    static String login(ModuleDefinition module) {
        var signOn = module.integration().signOn();
        String how = switch (signOn.method()) {
            case NATIVE -> "Login: single sign-on through StarVault";
            case OAUTH2_PROXY -> "Login: single sign-on through StarVault (oauth2-proxy in front of the tool)";
            case NONE -> "Login: no single sign-on";
        };
        return signOn.note() == null ? how : how + ". " + signOn.note();
    }

    /** Switching keeps the install's version, values and secret delivery (a PUT replaces them all). */
    private ModuleInstallSpec keeping(boolean enabled, boolean enableDependencies) {
        return install == null ? new ModuleInstallSpec(enabled, null, null, enableDependencies, null)
                : new ModuleInstallSpec(enabled, install.version(), install.values(), enableDependencies,
                install.secretDelivery());
    }

    private void put(ModuleInstallSpec spec) {
        try {
            saveValues(spec);
        } catch (DomainException e) {
            Notices.refused(e);
            changed.run();
        }
    }

    /** Saves, or throws the service's refusal for the caller to show. */
    private void saveValues(ModuleInstallSpec spec) {
        owner.put(module.key(), spec, install == null ? null : install.resourceVersion());
        Notices.saved(module.name() + (Boolean.FALSE.equals(spec.enabled()) ? " switched off" : " saved"));
        changed.run();
    }
}
