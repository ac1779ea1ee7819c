package io.nova.platform.ui.module;

import java.util.List;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.identity.CredentialRotation;
import io.nova.platform.core.identity.ToolCredentialView;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleScope;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/** The tool catalog for one tenant: switch tools on and off, pick versions, edit values, open the tools. */
@Route(value = "tenants/:slug/modules", layout = MainLayout.class)
@PermitAll
public class TenantModulesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TenantService tenants;
    private final ModuleInstallService installs;
    private final ModuleCatalog catalog;
    private final CallerProfileService profiles;
    private final CredentialRotation credentials;
    private final ModuleCards cards;
    private String slug;

    public TenantModulesView(TenantService tenants, ModuleInstallService installs, ModuleCatalog catalog,
                             CallerProfileService profiles, CredentialRotation credentials) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.installs = installs;
        this.catalog = catalog;
        this.profiles = profiles;
        this.cards = new ModuleCards(catalog);
        cards.setId("module-cards");
        setMaxWidth("90rem");
    }

    public static RouteParameters of(String slug) {
        return new RouteParameters("slug", slug);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        slug = event.getRouteParameters().get("slug").orElseThrow();
        removeAll();
        TenantView tenant;
        try {
            tenant = tenants.get(slug);
        } catch (DomainException e) {
            add(new H2("Modules of " + slug), new Paragraph(e.getMessage()));
            return;
        }
        var back = new RouterLink("← " + tenant.displayName(), io.nova.platform.ui.tenant.TenantDetailView.class,
                io.nova.platform.ui.tenant.TenantDetailView.of(slug));
        add(back, new H2("Modules of " + tenant.displayName()), cards);
        refresh();
    }

    /** Re-reads every install: a change to one can switch on its dependencies. */
    void refresh() {
        cards.show(catalog.byScope(ModuleScope.TENANT), installs.listForTenant(slug,
                PageQuery.first(PageQuery.MAX_SIZE)).items(),
                (key, spec, version) -> installs.putForTenant(slug, key, spec, version),
                new ModuleCard.Credentials() {
                    @Override
                    public List<ToolCredentialView> list(String module) {
                        return credentials.list(slug, module);
                    }

                    @Override
                    public void rotate(String module, String secret) {
                        credentials.rotate(slug, module, secret);
                    }
                }, profiles.current().administers(slug), this::refresh);
    }

    @Override
    public String getPageTitle() {
        return "Modules of " + slug + " · Nova Platform";
    }
}
