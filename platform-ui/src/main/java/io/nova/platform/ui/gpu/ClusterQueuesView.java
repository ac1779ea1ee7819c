package io.nova.platform.ui.gpu;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.quota.queue.GpuQueueService;
import io.nova.platform.core.quota.queue.GpuQueuesView;
import io.nova.platform.ui.audit.AuditView;
import io.nova.platform.ui.common.ErrorMessages;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/**
 * A cluster's GPU queues as Kueue runs them: per pool capacity, guaranteed, in use, borrowed and free, and the tenants'
 * queues page by page. Read from the cluster when a cluster is chosen or the button asks, not on every navigation.
 */
@Route(value = "gpu-queues", layout = MainLayout.class)
@PageTitle("GPU queues · Nova Platform")
@PermitAll
public class ClusterQueuesView extends VerticalLayout {

    private final GpuQueueService queues;
    private final Paragraph message = new Paragraph();
    private final VerticalLayout picture = new VerticalLayout();

    public ClusterQueuesView(GpuQueueService queues, ClusterService clusters) {
        this.queues = queues;
        setSizeFull();
        var cluster = new ComboBox<String>("Cluster");
        cluster.setItems(clusters.list(new PageQuery(0, PageQuery.MAX_SIZE)).items().stream()
                .map(ClusterView::name).toList());
        cluster.setId("queue-cluster");
        var read = new Button("Read again", VaadinIcon.REFRESH.create(), click -> show(cluster.getValue()));
        read.setId("queue-read");
        cluster.addValueChangeListener(change -> show(change.getValue()));
        var toolbar = new HorizontalLayout(new H2("GPU queues"), cluster, read);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        message.setId("queue-message");
        picture.setPadding(false);
        add(toolbar, message, picture);
    }

    private void show(String cluster) {
        picture.removeAll();
        message.setText("");
        if (cluster == null) {
            return;
        }
        GpuQueuesView view;
        try {
            view = queues.cluster(cluster, PageQuery.first(PagedItems.PAGE_SIZE));
        } catch (RuntimeException e) {
            message.setText(ErrorMessages.of(e));
            return;
        }
        message.setText(view.observed() ? "Read from the cluster at %s UTC.".formatted(AuditView.time(
                view.observedAt())) : view.message());
        var pools = QueueGrids.pools();
        pools.setItems(view.pools());
        var tenants = QueueGrids.tenants();
        tenants.setPageSize(PagedItems.PAGE_SIZE);
        tenants.setItems(query -> query.getPage() == 0 ? view.tenants().items().stream()
                : PagedItems.fetch(query, page -> queues.cluster(cluster, page).tenants()));
        picture.add(new H3("Pools"), pools, new H3("Tenants"), tenants);
    }
}
