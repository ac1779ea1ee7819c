package io.nova.platform.ui.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.desired.ClusterOperations;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.ui.common.ErrorMessages;
import io.nova.platform.ui.layout.MainLayout;
import io.nova.platform.core.me.CallerProfileService;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Plan and apply: what the next reconcile of a cluster would create, change and delete, with the YAML diff of each
 * object, and then the reconcile itself, its progress pushed to the page while it runs.
 */
@Route(value = "clusters", layout = MainLayout.class)
@PageTitle("Plan and apply · Nova Platform")
@PermitAll
public class ClustersView extends VerticalLayout implements BeforeEnterObserver {

    private final ClusterOperations operations;
    private final SecurityContextHolderStrategy contexts;
    private final ComboBox<String> cluster = new ComboBox<>("Cluster");
    private final Div result = new Div();
    private final Button plan = new Button("Plan", VaadinIcon.SEARCH.create());
    private final Button apply = new Button("Apply", VaadinIcon.CLOUD_UPLOAD.create());
    private final ProgressBar progress = new ProgressBar();

    public ClustersView(ClusterService clusters, ClusterOperations operations, CallerProfileService profiles,
                        SecurityContextHolderStrategy contexts) {
        this.operations = operations;
        this.contexts = contexts;
        setMaxWidth("90rem");
        if (!profiles.current().platformAdmin()) {
            // The services refuse anyway; this saves the caller a form it cannot use.
            add(new H2("Plan and apply"), new Paragraph("Only platform admins may plan and apply cluster changes."));
            return;
        }
        List<String> names = clusters.list(PageQuery.first(PageQuery.MAX_SIZE)).items().stream()
                .map(ClusterView::name).toList();
        cluster.setItems(names);
        cluster.setId("plan-cluster");
        if (!names.isEmpty()) {
            cluster.setValue(names.getFirst());
        }
        cluster.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(ClustersView.class, QueryParameters.of("cluster", e.getValue())));
            }
            result.removeAll();
        });
        plan.setId("plan");
        plan.addClickListener(click -> showPlan());
        apply.setId("apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(click -> applyInBackground());
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setId("apply-progress");
        result.setId("plan-result");
        result.setWidthFull();
        result.getElement().setAttribute("aria-live", "polite");
        var components = new Button("Components", VaadinIcon.PUZZLE_PIECE.create(), click -> getUI().ifPresent(
                ui -> ui.navigate(ClusterComponentsView.class, ClusterComponentsView.of(cluster.getValue()))));
        components.setId("cluster-components");
        var bar = new HorizontalLayout(cluster, plan, apply, components);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Plan and apply"), bar, progress, result);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("cluster").ifPresent(cluster::setValue);
    }

    private void showPlan() {
        result.removeAll();
        try {
            show(operations.plan(cluster.getValue()), false);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void applyInBackground() {
        UI ui = UI.getCurrent();
        String name = cluster.getValue();
        result.removeAll();
        result.add(new Paragraph("Reconciling " + name + "…"));
        progress.setVisible(true);
        plan.setEnabled(false);
        apply.setEnabled(false);
        // The reconcile runs outside the request; the caller's identity goes with it for the access checks.
        var task = new DelegatingSecurityContextRunnable(() -> {
            try {
                DeliveryOutcome outcome = operations.reconcile(name);
                ui.access(() -> done(() -> show(outcome, true)));
            } catch (RuntimeException e) {
                ui.access(() -> done(() -> failed(e)));
            }
        }, contexts.getContext());
        task.setSecurityContextHolderStrategy(contexts);
        CompletableFuture.runAsync(task);
    }

    private void done(Runnable show) {
        progress.setVisible(false);
        plan.setEnabled(true);
        apply.setEnabled(true);
        result.removeAll();
        show.run();
    }

    private void failed(RuntimeException e) {
        var message = new Paragraph(ErrorMessages.of(e));
        message.addClassName("text-error");
        message.setId("plan-error");
        result.add(message);
    }

    private void show(DeliveryOutcome outcome, boolean applied) {
        String summary = "%d to create, %d to change, %d to delete".formatted(outcome.count("CREATE"),
                outcome.count("UPDATE"), outcome.count("DELETE"));
        var head = new Paragraph(applied ? (outcome.changes().isEmpty() ? "Applied: nothing to change"
                : "Applied: " + summary.replace("to create", "created").replace("to change", "changed")
                .replace("to delete", "deleted")) + (outcome.revision() == null ? "" : " · revision "
                + outcome.revision()) : outcome.changes().isEmpty() ? "Nothing to change" : summary);
        head.addClassName("font-semibold");
        head.setId(applied ? "apply-summary" : "plan-summary");
        result.add(head);
        if (!outcome.problems().isEmpty()) {
            var problems = new UnorderedList();
            outcome.problems().forEach(p -> problems.add(new ListItem(p)));
            problems.addClassName("text-error");
            result.add(problems);
        }
        for (PlannedChange change : outcome.changes()) {
            var label = new Span(change.type() + " " + change.id());
            label.addClassName("change-" + change.type());
            var details = new Details(label, diff(change.diff()));
            details.setWidthFull();
            details.addClassName("planned-change");
            result.add(details);
        }
    }

    private static Pre diff(String text) {
        var pre = new Pre();
        pre.addClassName("diff-block");
        if (text == null) {
            return pre;
        }
        for (String line : text.split("\n", -1)) {
            var span = new Span(line + "\n");
            if (line.startsWith("+")) {
                span.addClassName("add");
            } else if (line.startsWith("-")) {
                span.addClassName("del");
            }
            pre.add(span);
        }
        return pre;
    }
}
