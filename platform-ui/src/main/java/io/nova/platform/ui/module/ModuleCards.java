package io.nova.platform.ui.module;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.vaadin.flow.component.orderedlayout.FlexLayout;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleInstallView;

/** The catalog's modules of one scope as cards, wrapping to the window's width; a tenant's tools or a cluster's. */
public class ModuleCards extends FlexLayout {

    private final ModuleCatalog catalog;

    public ModuleCards(ModuleCatalog catalog) {
        this.catalog = catalog;
        setFlexWrap(FlexWrap.WRAP);
        getStyle().set("gap", "var(--lumo-space-m)");
    }

    /** Shows one card per module with its current install; {@code changed} runs after every save. */
    public void show(List<ModuleDefinition> modules, List<ModuleInstallView> installs, ModuleCard.Put owner,
                     boolean canChange, Runnable changed) {
        show(modules, installs, owner, null, canChange, changed);
    }

    /** The same, with the owner's generated credentials (a tenant's tools have some; a cluster's none). */
    public void show(List<ModuleDefinition> modules, List<ModuleInstallView> installs, ModuleCard.Put owner,
                     ModuleCard.Credentials credentials, boolean canChange, Runnable changed) {
        removeAll();
        Map<String, ModuleInstallView> current = installs.stream()
                .collect(Collectors.toMap(ModuleInstallView::module, Function.identity()));
        for (ModuleDefinition module : modules) {
            add(new ModuleCard(module, current.get(module.key()), current, catalog, owner, credentials, canChange,
                    changed));
        }
    }
}
