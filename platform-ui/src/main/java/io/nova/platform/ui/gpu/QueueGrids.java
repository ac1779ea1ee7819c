package io.nova.platform.ui.gpu;

import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.grid.Grid;
import io.nova.platform.core.quota.queue.PendingWorkload;
import io.nova.platform.core.quota.queue.PoolQueueView;
import io.nova.platform.core.quota.queue.TenantQueueUsage;
import io.nova.platform.core.quota.queue.TenantQueueView;
import io.nova.platform.ui.audit.AuditView;

/** The grids of the GPU queue pictures, shared by the cluster's and a tenant's view. */
public final class QueueGrids {

    private QueueGrids() {
    }

    public static Grid<PoolQueueView> pools() {
        var grid = new Grid<PoolQueueView>();
        grid.addColumn(PoolQueueView::pool).setHeader("Pool");
        grid.addColumn(PoolQueueView::resource).setHeader("Resource").setFlexGrow(2);
        grid.addColumn(PoolQueueView::capacity).setHeader("Capacity");
        grid.addColumn(PoolQueueView::guaranteed).setHeader("Guaranteed");
        grid.addColumn(p -> unknown(p.inUse())).setHeader("In use");
        grid.addColumn(p -> unknown(p.borrowed())).setHeader("Borrowed");
        grid.addColumn(p -> unknown(p.free())).setHeader("Free");
        grid.setAllRowsVisible(true);
        grid.setId("queue-pools");
        return grid;
    }

    public static Grid<TenantQueueView> tenants() {
        var grid = new Grid<TenantQueueView>();
        grid.addColumn(TenantQueueView::tenant).setHeader("Tenant");
        grid.addColumn(t -> unknown(t.admitted())).setHeader("Running");
        grid.addColumn(t -> unknown(t.pending())).setHeader("Waiting");
        grid.addColumn(t -> usage(t.usage())).setHeader("GPUs (in use, borrowed / guaranteed, limit)")
                .setFlexGrow(4);
        grid.setId("queue-tenants");
        return grid;
    }

    public static Grid<PendingWorkload> waiting(List<PendingWorkload> workloads) {
        var grid = new Grid<PendingWorkload>();
        grid.addColumn(w -> w.owner() == null ? w.name() : w.owner()).setHeader("Workload").setFlexGrow(2);
        grid.addColumn(PendingWorkload::priorityClass).setHeader("Priority");
        grid.addColumn(w -> w.since() == null ? "" : AuditView.time(w.since())).setHeader("Since (UTC)");
        grid.addColumn(w -> w.reason() + ": " + w.message()).setHeader("Why it waits").setFlexGrow(5);
        grid.setItems(workloads);
        grid.setAllRowsVisible(true);
        grid.setId("queue-waiting");
        return grid;
    }

    public static String usage(List<TenantQueueUsage> usage) {
        return usage.stream().map(u -> "%s %s: %s in use, %s borrowed / %d guaranteed, limit %d".formatted(u.pool(),
                u.resource(), unknown(u.inUse()), unknown(u.borrowed()), u.guaranteed(), u.limit()))
                .collect(Collectors.joining("; "));
    }

    private static String unknown(Long value) {
        return value == null ? "–" : value.toString();
    }
}
