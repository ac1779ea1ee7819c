package io.nova.platform.ui.cluster;


import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleScope;
import io.nova.platform.ui.layout.MainLayout;
import io.nova.platform.ui.module.ModuleCards;
import jakarta.annotation.security.PermitAll;

/** A cluster's own components (GPU Operator, Node Feature Discovery, monitoring, NeuVector), switched like tools. */
@Route(value = "clusters/:name/components", layout = MainLayout.class)
@PermitAll
public class ClusterComponentsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ClusterService clusters;
    private final ModuleInstallService installs;
    private final ModuleCatalog catalog;
    private final CallerProfileService profiles;
    private final ModuleCards cards;
    private String cluster;

    public ClusterComponentsView(ClusterService clusters, ModuleInstallService installs, ModuleCatalog catalog,
                                 CallerProfileService profiles) {
        this.clusters = clusters;
        this.installs = installs;
        this.catalog = catalog;
        this.profiles = profiles;
        this.cards = new ModuleCards(catalog);
        cards.setId("component-cards");
        setMaxWidth("90rem");
    }

    public static RouteParameters of(String cluster) {
        return new RouteParameters("name", cluster);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        cluster = event.getRouteParameters().get("name").orElseThrow();
        removeAll();
        try {
            clusters.get(cluster);
        } catch (DomainException e) {
            add(new H2("Components of " + cluster), new Paragraph(e.getMessage()));
            return;
        }
        var plan = new RouterLink("Plan and apply " + cluster, ClustersView.class);
        plan.setQueryParameters(QueryParameters.of("cluster", cluster));
        add(new H2("Components of cluster " + cluster), plan, cards);
        refresh();
    }

    void refresh() {
        cards.show(catalog.byScope(ModuleScope.CLUSTER), installs.listForClusters(cluster,
                PageQuery.first(PageQuery.MAX_SIZE)).items(),
                (key, spec, version) -> installs.putForCluster(cluster, key, spec, version),
                profiles.current().platformAdmin(), this::refresh);
    }

    @Override
    public String getPageTitle() {
        return "Components of " + cluster + " · Nova Platform";
    }
}
