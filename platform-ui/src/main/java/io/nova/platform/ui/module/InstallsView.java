package io.nova.platform.ui.module;

import java.util.Arrays;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleInstallView;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.common.PhaseChip;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/** Switched-on module installs in one phase (the overview's counts link here), e.g. everything that failed. */
@Route(value = "installs", layout = MainLayout.class)
@PageTitle("Module installs · Nova Platform")
@PermitAll
public class InstallsView extends VerticalLayout implements BeforeEnterObserver {

    private final Select<ModulePhase> phase = new Select<>();
    private final Grid<ModuleInstallView> grid = new Grid<>();

    public InstallsView(ModuleInstallService installs) {
        setSizeFull();
        phase.setLabel("Phase");
        phase.setItems(ModulePhase.values());
        phase.setItemLabelGenerator(PhaseChip::label);
        phase.setValue(ModulePhase.FAILED);
        phase.setId("installs-phase");
        phase.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                getUI().ifPresent(ui -> ui.navigate(InstallsView.class,
                        QueryParameters.of("phase", e.getValue().name())));
            }
            grid.getDataProvider().refreshAll();
        });
        var header = new HorizontalLayout(new H2("Module installs"), phase);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.addColumn(i -> i.tenant() == null ? "(cluster " + i.cluster() + ")" : i.tenant()).setHeader("Tenant");
        grid.addColumn(ModuleInstallView::module).setHeader("Module");
        grid.addColumn(ModuleInstallView::version).setHeader("Version");
        grid.addComponentColumn(i -> new PhaseChip(i.enabled(), i.phase())).setHeader("Phase");
        grid.addColumn(i -> i.message() == null ? "" : i.message()).setHeader("Message").setFlexGrow(4);
        grid.setPageSize(PagedItems.PAGE_SIZE);
        grid.setItems(query -> PagedItems.fetch(query, page -> installs.listByPhase(phase.getValue(), page)));
        grid.addItemClickListener(click -> {
            if (click.getItem().tenant() != null) {
                getUI().ifPresent(ui -> ui.navigate(TenantModulesView.class,
                        TenantModulesView.of(click.getItem().tenant())));
            }
        });
        grid.setId("installs-grid");
        add(header, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("phase")
                .flatMap(name -> Arrays.stream(ModulePhase.values()).filter(p -> p.name().equals(name)).findFirst())
                .ifPresent(phase::setValue);
    }
}
