package io.nova.platform.ui.gpu;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.GpuPoolUsage;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/** The GPU pools of all clusters, with how much of each is guaranteed to tenants. */
@Route(value = "pools", layout = MainLayout.class)
@PageTitle("GPU pools · Nova Platform")
@PermitAll
public class GpuPoolsView extends VerticalLayout {

    public GpuPoolsView(GpuPoolService pools, CallerProfileService profiles) {
        setSizeFull();
        var toolbar = new HorizontalLayout(new H2("GPU pools"));
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (profiles.current().platformAdmin()) {
            var create = new Button("New pool", VaadinIcon.PLUS.create(),
                    click -> getUI().ifPresent(ui -> ui.navigate(GpuPoolEditorView.class)));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("new-pool");
            toolbar.add(create);
        }
        var grid = new Grid<GpuPoolUsage>();
        grid.addComponentColumn(u -> new RouterLink(u.pool().name(), GpuPoolEditorView.class,
                GpuPoolEditorView.of(u.pool().name()))).setHeader("Pool");
        grid.addColumn(u -> u.pool().cluster()).setHeader("Cluster");
        grid.addColumn(u -> u.pool().gpuModel()).setHeader("GPU");
        grid.addColumn(u -> u.pool().nodeCount() + " × " + u.pool().gpusPerNode()).setHeader("Nodes × GPUs");
        grid.addColumn(u -> u.pool().sharing().mode().name()).setHeader("Sharing");
        grid.addComponentColumn(u -> {
            var bar = new ProgressBar(0, 1, u.guaranteedShare());
            bar.getElement().setAttribute("aria-label", Math.round(u.guaranteedShare() * 100) + "% guaranteed");
            return bar;
        }).setHeader("Guaranteed");
        grid.addColumn(u -> u.pool().capacity().entrySet().stream()
                .map(e -> e.getKey() + ": " + u.guaranteed().getOrDefault(e.getKey(), 0L) + "/" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "))).setHeader("Capacity (guaranteed/total)")
                .setFlexGrow(3);
        grid.setPageSize(PagedItems.PAGE_SIZE);
        grid.setItems(query -> PagedItems.fetch(query, page -> pools.listWithUsage(null, page)));
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(GpuPoolEditorView.class,
                GpuPoolEditorView.of(click.getItem().pool().name()))));
        grid.setId("pools-grid");
        add(toolbar, grid);
        setFlexGrow(1, grid);
    }
}
