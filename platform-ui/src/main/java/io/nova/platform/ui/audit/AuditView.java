package io.nova.platform.ui.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.nova.platform.core.audit.AuditEntry;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.audit.AuditQuery;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/** Who changed what, and when; each entry opens to its before and after. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · Nova Platform")
@PermitAll
public class AuditView extends VerticalLayout {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TextField actor = new TextField("Actor");
    private final TextField target = new TextField("Target");
    private final DateTimePicker since = new DateTimePicker("Since (UTC)");
    private final Grid<AuditEntry> grid = new Grid<>();

    public AuditView(AuditLog audit) {
        setSizeFull();
        actor.setPlaceholder("exact name or subject, e.g. alice");
        actor.setId("audit-actor");
        target.setPlaceholder("e.g. tenants/team-a");
        target.setHelperText("Matches the target and everything under it");
        target.setId("audit-target");
        since.setId("audit-since");
        for (var field : new TextField[] {actor, target}) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        }
        since.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        var filters = new HorizontalLayout(actor, target, since);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> time(e.time())).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(e -> e.actorName().equals(e.actor()) ? e.actor() : e.actorName() + " (" + e.actor() + ")")
                .setHeader("Who").setAutoWidth(true);
        grid.addColumn(e -> e.action().name()).setHeader("What");
        grid.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(2);
        grid.addColumn(e -> e.requestId() == null ? "" : e.requestId()).setHeader("Request");
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(AuditView::changes));
        grid.setPageSize(PagedItems.PAGE_SIZE);
        grid.setItems(query -> PagedItems.fetch(query, page -> audit.find(new AuditQuery(blank(target.getValue()),
                blank(actor.getValue()), since(), page))));
        grid.setId("audit-grid");
        add(new H2("Audit log"), filters, grid);
        setFlexGrow(1, grid);
    }

    private static VerticalLayout changes(AuditEntry entry) {
        var before = new Pre(entry.before() == null ? "(none)" : entry.before());
        before.addClassName("diff-block");
        var after = new Pre(entry.after() == null ? "(none)" : entry.after());
        after.addClassName("diff-block");
        var box = new VerticalLayout(new Details("Before", before), new Details("After", after));
        box.setPadding(false);
        box.getChildren().filter(Details.class::isInstance).map(Details.class::cast).forEach(d -> d.setOpened(true));
        return box;
    }

    private Instant since() {
        LocalDateTime value = since.getValue();
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
