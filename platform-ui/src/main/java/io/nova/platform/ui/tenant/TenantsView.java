package io.nova.platform.ui.tenant;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.tenant.TenantFilter;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/** All tenants the caller may see, loaded page by page; filter by text, sort by any column. */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants · Nova Platform")
@PermitAll
public class TenantsView extends VerticalLayout {

    private final TenantService tenants;
    private final Grid<TenantView> grid = new Grid<>();
    private final TextField filter = new TextField();

    public TenantsView(TenantService tenants, ClusterService clusters, CallerProfileService profiles) {
        this.tenants = tenants;
        setSizeFull();
        filter.setPlaceholder("Filter by slug or name");
        filter.setClearButtonVisible(true);
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setId("tenant-filter");
        filter.getElement().setAttribute("aria-label", "Filter tenants");
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        var toolbar = new HorizontalLayout(new H2("Tenants"), filter);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.setFlexGrow(1, filter);
        if (profiles.current().platformAdmin()) {
            var create = new Button("New tenant", VaadinIcon.PLUS.create(), click -> new TenantDialog(tenants,
                    clusters, null, saved -> {
                        grid.getDataProvider().refreshAll();
                        getUI().ifPresent(ui -> ui.navigate(TenantDetailView.class, TenantDetailView.of(saved.slug())));
                    }).open());
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("new-tenant");
            toolbar.add(create);
        }

        // A link, so that keyboard users reach the tenant too (a row click needs a mouse).
        grid.addComponentColumn(t -> new RouterLink(t.slug(), TenantDetailView.class, TenantDetailView.of(t.slug())))
                .setHeader("Slug").setKey("slug").setSortProperty("slug");
        grid.addColumn(TenantView::displayName).setHeader("Name").setKey("displayName").setSortProperty("displayName")
                .setFlexGrow(2);
        grid.addColumn(TenantView::cluster).setHeader("Cluster").setKey("cluster").setSortProperty("cluster");
        grid.addColumn(t -> String.join(", ", t.ownerGroups())).setHeader("Owner groups").setFlexGrow(2);
        grid.addColumn(t -> t.state() == null ? "" : t.state().name()).setHeader("State");
        grid.setPageSize(PagedItems.PAGE_SIZE);
        grid.setItems(this::fetch, query -> PagedItems.count(page -> tenants.list(filter(List.of()), page)));
        grid.addItemClickListener(click -> getUI().ifPresent(ui ->
                ui.navigate(TenantDetailView.class, TenantDetailView.of(click.getItem().slug()))));
        grid.setId("tenants-grid");
        add(toolbar, grid);
        setFlexGrow(1, grid);
    }

    private java.util.stream.Stream<TenantView> fetch(Query<TenantView, Void> query) {
        TenantFilter f = filter(query.getSortOrders());
        return PagedItems.fetch(query, page -> tenants.list(f, page));
    }

    private TenantFilter filter(List<QuerySortOrder> orders) {
        String sort = orders.isEmpty() ? null : orders.getFirst().getSorted()
                + (orders.getFirst().getDirection() == SortDirection.DESCENDING ? ",desc" : "");
        return new TenantFilter(filter.getValue(), null, sort);
    }
}
