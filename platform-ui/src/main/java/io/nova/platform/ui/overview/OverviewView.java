package io.nova.platform.ui.overview;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.audit.AuditEntry;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.audit.AuditQuery;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.GpuPoolUsage;
import io.nova.platform.core.me.CallerProfile;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.status.ComponentStatus;
import io.nova.platform.core.status.PlatformStatusService;
import io.nova.platform.ui.common.PhaseChip;
import io.nova.platform.ui.layout.MainLayout;
import io.nova.platform.ui.module.InstallsView;
import jakarta.annotation.security.PermitAll;

/** The first screen: what runs where, how full the GPU pools are, what is broken, and what changed lately. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · Nova Platform")
@PermitAll
public class OverviewView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("UTC"));
    private static final int SHOWN = 20;

    public OverviewView(ClusterService clusters, GpuPoolService pools, ModuleInstallService installs,
                        AuditLog audit, PlatformStatusService status, CallerProfileService profiles) {
        CallerProfile me = profiles.current();
        add(new H2("Overview"));
        add(section("Module installs", phases(installs.phaseCounts())));
        add(section("Clusters", clusters(clusters.list(PageQuery.first(SHOWN)).items())));
        add(section("GPU pools", pools(pools.listWithUsage(null, PageQuery.first(SHOWN)).items())));
        add(section("Platform services", services(status.components())));
        if (me.platformAdmin() || me.roles().contains("viewer")) {
            add(section("Recent changes", recent(audit.find(new AuditQuery(null, null, null,
                    PageQuery.first(10))).items())));
        }
        setMaxWidth("80rem");
    }

    private static Component section(String title, Component content) {
        var box = new VerticalLayout(new H3(title), content);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    private static Component phases(Map<ModulePhase, Long> counts) {
        var row = new FlexLayout();
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        for (ModulePhase phase : List.of(ModulePhase.READY, ModulePhase.DEGRADED, ModulePhase.FAILED,
                ModulePhase.RECONCILING, ModulePhase.PENDING)) {
            long count = counts.getOrDefault(phase, 0L);
            var link = new RouterLink(InstallsView.class);
            link.setQueryParameters(QueryParameters.of("phase", phase.name()));
            var number = new Span(String.valueOf(count));
            number.addClassNames("text-2xl", "font-semibold");
            var card = new Div(number, new Div(new PhaseChip(true, phase)));
            card.addClassName("stat-card");
            link.add(card);
            link.setId("phase-" + phase.name());
            link.getElement().setAttribute("aria-label", count + " " + PhaseChip.label(phase));
            row.add(link);
        }
        return row;
    }

    private static Component clusters(List<ClusterView> items) {
        var grid = new Grid<ClusterView>();
        grid.addColumn(ClusterView::name).setHeader("Cluster");
        grid.addColumn(c -> c.deliveryMode().name()).setHeader("Delivery");
        grid.addColumn(c -> c.sync() == null || c.sync().state() == null ? "never reconciled"
                : c.sync().state().name()).setHeader("Reconcile state");
        grid.addColumn(c -> c.sync() == null ? "" : time(c.sync().syncedAt())).setHeader("Last sync");
        grid.addColumn(c -> c.sync() == null || c.sync().message() == null ? "" : c.sync().message())
                .setHeader("Message").setFlexGrow(3);
        grid.setItems(items);
        grid.setAllRowsVisible(true);
        grid.setId("overview-clusters");
        return grid;
    }

    private static Component pools(List<GpuPoolUsage> items) {
        var grid = new Grid<GpuPoolUsage>();
        grid.addColumn(u -> u.pool().name()).setHeader("Pool");
        grid.addColumn(u -> u.pool().gpuModel() + " × " + u.pool().totalGpus()).setHeader("GPUs");
        grid.addColumn(u -> u.pool().sharing().mode().name()).setHeader("Sharing");
        grid.addComponentColumn(OverviewView::guaranteedBar).setHeader("Guaranteed to tenants").setFlexGrow(2);
        grid.addColumn(OverviewView::capacityText).setHeader("Capacity (guaranteed / total)").setFlexGrow(3);
        grid.setItems(items);
        grid.setAllRowsVisible(true);
        grid.setId("overview-pools");
        return grid;
    }

    private static Component guaranteedBar(GpuPoolUsage usage) {
        var bar = new ProgressBar(0, 1, usage.guaranteedShare());
        bar.addClassName("capacity-bar");
        bar.getElement().setAttribute("aria-label", Math.round(usage.guaranteedShare() * 100) + "% guaranteed");
        return bar;
    }

    static String capacityText(GpuPoolUsage usage) {
        return usage.pool().capacity().entrySet().stream()
                .map(e -> e.getKey() + ": " + usage.guaranteed().getOrDefault(e.getKey(), 0L) + " / " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Component services(List<ComponentStatus> components) {
        var list = new VerticalLayout();
        list.setPadding(false);
        list.setSpacing(false);
        for (ComponentStatus c : components) {
            String state = !c.configured() ? "not configured" : c.healthy() ? "healthy" : "unhealthy";
            var line = new Span(c.name() + ": " + state + " — " + c.detail());
            line.addClassName(!c.configured() ? "text-secondary" : c.healthy() ? "text-success" : "text-error");
            list.add(line);
        }
        list.setId("overview-services");
        return list;
    }

    private static Component recent(List<AuditEntry> entries) {
        var grid = new Grid<AuditEntry>();
        grid.addColumn(e -> time(e.time())).setHeader("Time (UTC)");
        grid.addColumn(AuditEntry::actorName).setHeader("Who");
        grid.addColumn(e -> e.action().name()).setHeader("What");
        grid.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(2);
        grid.setItems(entries);
        grid.setAllRowsVisible(true);
        grid.setId("overview-audit");
        return grid;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
