package io.nova.platform.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.audit.AuditEntry;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.me.CallerProfile;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.quota.GpuQuotaView;
import io.nova.platform.core.quota.queue.GpuQueueService;
import io.nova.platform.core.quota.queue.TenantQueueReport;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.audit.AuditView;
import io.nova.platform.ui.common.Notices;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.gpu.QueueGrids;
import io.nova.platform.ui.layout.MainLayout;
import io.nova.platform.ui.module.TenantModulesView;
import io.nova.platform.ui.serving.ModelDeploymentsView;
import jakarta.annotation.security.PermitAll;

/** One tenant: its settings, GPU quotas, a link to its modules, and what changed lately. */
@Route(value = "tenants/:slug", layout = MainLayout.class)
@PermitAll
public class TenantDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TenantService tenants;
    private final ClusterService clusters;
    private final GpuQuotaService quotas;
    private final GpuPoolService pools;
    private final GpuQueueService queues;
    private final CallerProfile me;
    private String title = "Tenant · Nova Platform";

    public TenantDetailView(TenantService tenants, ClusterService clusters, GpuQuotaService quotas,
                            GpuPoolService pools, GpuQueueService queues, CallerProfileService profiles) {
        this.queues = queues;
        this.tenants = tenants;
        this.clusters = clusters;
        this.quotas = quotas;
        this.pools = pools;
        this.me = profiles.current();
        setMaxWidth("80rem");
    }

    public static RouteParameters of(String slug) {
        return new RouteParameters("slug", slug);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElseThrow();
        removeAll();
        TenantView tenant;
        try {
            tenant = tenants.get(slug);
        } catch (DomainException e) {
            add(new H2("Tenant " + slug), new Paragraph(e.getMessage()));
            return;
        }
        title = tenant.displayName() + " · Tenants · Nova Platform";
        show(tenant);
    }

    private void show(TenantView tenant) {
        var heading = new H2(tenant.displayName() + " (" + tenant.slug() + ")");
        var actions = new HorizontalLayout();
        var modules = new RouterLink("Modules", TenantModulesView.class, TenantModulesView.of(tenant.slug()));
        modules.setId("tenant-modules-link");
        var models = new RouterLink("Served models", ModelDeploymentsView.class, ModelDeploymentsView.of(
                tenant.slug()));
        models.setId("tenant-models-link");
        actions.add(modules, models);
        if (me.platformAdmin()) {
            var edit = new Button("Edit", VaadinIcon.EDIT.create(), click -> new TenantDialog(tenants, clusters,
                    tenant, saved -> reload(saved.slug())).open());
            edit.setId("tenant-edit");
            var delete = new Button("Delete", VaadinIcon.TRASH.create(), click -> confirmDelete(tenant));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.setId("tenant-delete");
            actions.add(edit, delete);
        }
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(heading, actions);
        add(new Paragraph("Cluster %s · namespace %s · owner groups: %s · state %s".formatted(tenant.cluster(),
                tenant.namespace(), tenant.ownerGroups().isEmpty() ? "none" : String.join(", ", tenant.ownerGroups()),
                tenant.state())));
        add(new Paragraph("Quota: CPU %s · memory %s · storage %s".formatted(or(tenant.quota().cpu()),
                or(tenant.quota().memory()), or(tenant.quota().storage()))));

        var quotaHeader = new HorizontalLayout(new H3("GPU quotas"));
        quotaHeader.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var grid = new Grid<GpuQuotaView>();
        grid.addColumn(GpuQuotaView::pool).setHeader("Pool");
        grid.addColumn(q -> q.resources().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().guaranteed() + " guaranteed, limit " + e.getValue().limit())
                .collect(java.util.stream.Collectors.joining("; "))).setHeader("Resources").setFlexGrow(4);
        grid.setItems(query -> PagedItems.fetch(query, page -> quotas.list(tenant.slug(), page)));
        grid.setAllRowsVisible(true);
        grid.setId("tenant-quotas");
        if (me.platformAdmin()) {
            var set = new Button("Set GPU quota", VaadinIcon.PLUS.create(), click -> new GpuQuotaDialog(quotas, pools,
                    tenant, () -> grid.getDataProvider().refreshAll()).open());
            set.setId("set-gpu-quota");
            quotaHeader.add(set);
        }
        add(quotaHeader, grid);
        add(liveQueue(tenant));

        var events = new Grid<AuditEntry>();
        events.addColumn(e -> AuditView.time(e.time())).setHeader("Time (UTC)");
        events.addColumn(AuditEntry::actorName).setHeader("Who");
        events.addColumn(e -> e.action().name()).setHeader("What");
        events.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(2);
        events.setItems(tenants.events(tenant.slug(), PageQuery.first(20)).items());
        events.setAllRowsVisible(true);
        events.setId("tenant-events");
        add(new H3("Recent events"), events);
    }

    /** The tenant's Kueue queue, read from the cluster when asked: what it uses, what waits and why. */
    private VerticalLayout liveQueue(TenantView tenant) {
        var section = new VerticalLayout();
        section.setPadding(false);
        var content = new VerticalLayout();
        content.setPadding(false);
        var read = new Button("Show live GPU queue", VaadinIcon.TASKS.create(), click -> {
            content.removeAll();
            TenantQueueReport report;
            try {
                report = queues.tenant(tenant.slug());
            } catch (RuntimeException e) {
                Notices.refused(e);
                return;
            }
            var status = new Paragraph(report.observed() ? "Read from the cluster at %s UTC: %d running, %d waiting; %s"
                    .formatted(AuditView.time(report.observedAt()), report.queue().admitted(),
                            report.queue().pending(), QueueGrids.usage(report.queue().usage()))
                    : report.message());
            status.setId("tenant-queue-status");
            content.add(status);
            if (!report.queue().waiting().isEmpty()) {
                content.add(QueueGrids.waiting(report.queue().waiting()));
            }
        });
        read.setId("tenant-queue-read");
        section.add(new HorizontalLayout(new H3("GPU queue"), read), content);
        return section;
    }

    private void confirmDelete(TenantView tenant) {
        var confirm = new ConfirmDialog("Delete tenant " + tenant.slug() + "?",
                "Its namespace and everything in it will be removed from the cluster at the next reconcile. Switch "
                        + "its modules off first.", "Delete", click -> {
                    try {
                        tenants.delete(tenant.slug(), tenant.resourceVersion());
                        Notices.saved("Tenant " + tenant.slug() + " deleted");
                        getUI().ifPresent(ui -> ui.navigate(TenantsView.class));
                    } catch (DomainException e) {
                        Notices.refused(e);
                    }
                }, "Cancel", click -> { });
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void reload(String slug) {
        removeAll();
        show(tenants.get(slug));
    }

    private static String or(String value) {
        return value == null ? "no limit" : value;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
