package io.nova.platform.ui.serving;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.GpuPoolView;
import io.nova.platform.core.gpu.SharingMode;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.core.serving.ModelCatalog;
import io.nova.platform.core.serving.ModelConfigFacts;
import io.nova.platform.core.serving.ModelConfigRequest;
import io.nova.platform.core.serving.ModelFactsService;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.core.serving.ModelDeploymentSpec;
import io.nova.platform.core.serving.ModelDeploymentView;
import io.nova.platform.core.serving.ModelPlan;
import io.nova.platform.core.serving.PlanAlternative;
import io.nova.platform.core.serving.QuotaFit;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.core.serving.UnplannableDeploymentException;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.common.ErrorMessages;
import io.nova.platform.ui.common.FieldErrors;
import io.nova.platform.ui.common.Notices;
import io.nova.platform.ui.common.PagedItems;
import io.nova.platform.ui.common.PhaseChip;
import io.nova.platform.ui.layout.MainLayout;
import io.nova.platform.ui.tenant.TenantDetailView;
import jakarta.annotation.security.PermitAll;

/**
 * A tenant's served models, and the form for a new one: the plan (how the model is spread over the pool's GPUs and
 * the memory arithmetic), or why it does not fit and what would, is recomputed as the admin edits.
 */
@Route(value = "tenants/:slug/models", layout = MainLayout.class)
@PermitAll
public class ModelDeploymentsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TenantService tenants;
    private final ModelDeploymentService models;
    private final GpuPoolService pools;
    private final ModelCatalog catalog;
    private final CallerProfileService profiles;
    private final ModelApiKeyService apiKeys;
    private final Grid<ModelDeploymentView> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final ComboBox<String> model = new ComboBox<>("Model");
    private final Select<Precision> precision = new Select<>();
    private final Select<String> pool = new Select<>();
    private final IntegerField replicas = new IntegerField("Replicas");
    private final IntegerField maxContext = new IntegerField("Max context (tokens)");
    private final IntegerField concurrentSequences = new IntegerField("Concurrent sequences");
    private final Select<ServingEngine> engine = new Select<>();
    private final NumberField gpuShare = new NumberField("GPU share (time-sliced pools)");
    private final com.vaadin.flow.component.textfield.TextArea config =
            new com.vaadin.flow.component.textfield.TextArea("config.json of a model outside the catalog");
    private final Paragraph configFacts = new Paragraph();
    private final ModelFactsService factsFromConfig;
    private io.nova.platform.core.serving.ModelFacts facts;
    private final Div plan = new Div();
    private final FieldErrors errors = new FieldErrors();
    private String slug;
    private static final tools.jackson.databind.json.JsonMapper CONFIG_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    public ModelDeploymentsView(TenantService tenants, ModelDeploymentService models, GpuPoolService pools,
                                ModelCatalog catalog, CallerProfileService profiles, ModelFactsService factsFromConfig,
                                ModelApiKeyService apiKeys) {
        this.factsFromConfig = factsFromConfig;
        this.tenants = tenants;
        this.models = models;
        this.pools = pools;
        this.catalog = catalog;
        this.profiles = profiles;
        this.apiKeys = apiKeys;
        setMaxWidth("90rem");
    }

    public static RouteParameters of(String slug) {
        return new RouteParameters("slug", slug);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        slug = event.getRouteParameters().get("slug").orElseThrow();
        removeAll();
        TenantView tenant;
        try {
            tenant = tenants.get(slug);
        } catch (DomainException e) {
            add(new H2("Models of " + slug), new Paragraph(e.getMessage()));
            return;
        }
        boolean canChange = profiles.current().administers(slug);
        add(new RouterLink("← " + tenant.displayName(), TenantDetailView.class, TenantDetailView.of(slug)),
                new H2("Served models of " + tenant.displayName()), deployments(canChange),
                new ApiKeysPanel(apiKeys, slug, canChange));
        if (canChange) {
            // Form and plan side by side on a wide window, one under the other on a narrow one.
            List<GpuPoolView> clusterPools = pools.list(tenant.cluster(), PageQuery.first(PageQuery.MAX_SIZE)).items();
            var formColumn = new VerticalLayout(new H3("Serve a model"), form(clusterPools));
            var planColumn = new VerticalLayout(new H3("Plan"), plan);
            for (var column : List.of(formColumn, planColumn)) {
                column.setPadding(false);
                column.getStyle().set("flex", "1 1 28rem").set("min-width", "0");
            }
            var columns = new com.vaadin.flow.component.orderedlayout.FlexLayout(formColumn, planColumn);
            columns.setFlexWrap(com.vaadin.flow.component.orderedlayout.FlexLayout.FlexWrap.WRAP);
            columns.getStyle().set("gap", "var(--lumo-space-l)");
            columns.setWidthFull();
            add(columns);
            showPlan();
            add(new CoLocationPanel(models, slug, clusterPools.stream().filter(p -> p.sharing() != null
                    && p.sharing().mode() == SharingMode.TIME_SLICING).map(GpuPoolView::name).toList()));
        }
    }

    private Grid<ModelDeploymentView> deployments(boolean canChange) {
        grid.removeAllColumns();
        grid.addColumn(ModelDeploymentView::name).setHeader("Name");
        grid.addColumn(ModelDeploymentView::model).setHeader("Model").setFlexGrow(2);
        grid.addColumn(d -> d.precision().name()).setHeader("Precision");
        grid.addColumn(ModelDeploymentView::pool).setHeader("Pool");
        grid.addColumn(d -> "tp %d × pp %d × %d".formatted(d.plan().tensorParallelSize(),
                d.plan().pipelineParallelSize(), d.replicas())).setHeader("Layout");
        grid.addColumn(d -> d.plan().gpusTotal()).setHeader("GPUs");
        grid.addComponentColumn(d -> new PhaseChip(true, d.phase())).setHeader("Phase");
        grid.addColumn(d -> d.endpointUrl() == null ? "" : d.endpointUrl()).setHeader("In-cluster endpoint")
                .setFlexGrow(2);
        grid.addColumn(d -> d.gatewayUrl() == null ? "" : d.gatewayUrl()).setHeader("URL with an API key")
                .setFlexGrow(2);
        grid.setItems(query -> PagedItems.fetch(query, page -> models.list(slug, page)));
        grid.setAllRowsVisible(true);
        grid.setId("model-deployments");
        if (canChange) {
            grid.addComponentColumn(d -> {
                var delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(d));
                delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                delete.getElement().setAttribute("aria-label", "Delete " + d.name());
                return delete;
            }).setHeader("");
        }
        return grid;
    }

    private FormLayout form(List<GpuPoolView> clusterPools) {
        name.setId("model-name");
        name.setHelperText("Lower-case letters, digits and '-'");
        model.setItems(catalog.all().stream().map(ModelCatalog.Entry::id).toList());
        model.setAllowCustomValue(true);
        model.addCustomValueSetListener(e -> model.setValue(e.getDetail()));
        model.setHelperText("A Hugging Face id from the catalog; for other ids and s3://, gs://, pvc:// URIs paste "
                + "the model's config.json below");
        config.setId("model-config");
        config.setHelperText("Its facts (layers, heads, parameters) are read from it; nothing is stored");
        config.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        config.addValueChangeListener(e -> readConfig(e.getValue()));
        configFacts.setId("model-config-facts");
        model.setId("model-model");
        precision.setLabel("Precision");
        precision.setItems(Precision.values());
        precision.setEmptySelectionAllowed(true);
        precision.setEmptySelectionCaption("Best the GPU supports");
        precision.setId("model-precision");
        List<String> poolNames = clusterPools.stream().map(GpuPoolView::name).toList();
        pool.setLabel("GPU pool");
        pool.setItems(poolNames);
        if (!poolNames.isEmpty()) {
            pool.setValue(poolNames.getFirst());
        }
        pool.setId("model-pool");
        replicas.setValue(1);
        replicas.setMin(1);
        replicas.setStepButtonsVisible(true);
        replicas.setId("model-replicas");
        maxContext.setPlaceholder("8192 or the model's");
        maxContext.setId("model-max-context");
        concurrentSequences.setPlaceholder("4");
        concurrentSequences.setId("model-concurrency");
        engine.setLabel("Serving engine");
        engine.setItems(ServingEngine.values());
        engine.setEmptySelectionAllowed(true);
        engine.setEmptySelectionCaption("KubeRay when it spans nodes, else KServe");
        engine.setId("model-engine");
        gpuShare.setPlaceholder("whole devices");
        gpuShare.setHelperText("Co-locate with other models: this share of each GPU's memory, one pod per node");
        gpuShare.setMin(0);
        gpuShare.setMax(1);
        gpuShare.setStep(0.005);
        gpuShare.setId("model-gpu-share");
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(e -> showPlan());
        model.addValueChangeListener(e -> showPlan());
        precision.addValueChangeListener(e -> showPlan());
        pool.addValueChangeListener(e -> showPlan());
        replicas.addValueChangeListener(e -> showPlan());
        maxContext.addValueChangeListener(e -> showPlan());
        concurrentSequences.addValueChangeListener(e -> showPlan());
        engine.addValueChangeListener(e -> showPlan());
        gpuShare.addValueChangeListener(e -> showPlan());
        errors.bind("name", name).bind("model", model).bind("precision", precision).bind("pool", pool)
                .bind("replicas", replicas).bind("maxContext", maxContext)
                .bind("concurrentSequences", concurrentSequences).bind("engine", engine)
                .bind("gpuShare", gpuShare);
        var deploy = new Button("Deploy", VaadinIcon.ROCKET.create(), click -> deploy());
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.setId("model-deploy");
        var form = new FormLayout(name, model, config, configFacts, pool, precision, maxContext, concurrentSequences,
                replicas, engine, gpuShare, deploy);
        form.setColspan(model, 2);
        form.setColspan(config, 2);
        form.setColspan(configFacts, 2);
        plan.setId("model-plan");
        plan.setWidthFull();
        plan.getElement().setAttribute("aria-live", "polite");
        return form;
    }

    private ModelDeploymentSpec spec() {
        return spec(blankToNull(name.getValue()));
    }

    /** The facts of a pasted config.json, or why it cannot be read; an empty one clears them. */
    private void readConfig(String json) {
        facts = null;
        configFacts.setText("");
        if (json != null && !json.isBlank()) {
            try {
                Map<String, Object> parsed = CONFIG_JSON.readValue(json,
                        new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
                ModelConfigFacts read = factsFromConfig.fromConfig(new ModelConfigRequest(parsed, null));
                facts = read.facts();
                configFacts.setText("From config.json: %,d parameters (%s), %d layers, %d heads (%d key/value)%s"
                        .formatted(facts.parameters(), read.parametersSource(), facts.layers(),
                                facts.attentionHeads(), facts.kvHeads(), read.quantization() == null ? ""
                                        : ", quantised: " + read.quantization()));
            } catch (tools.jackson.core.JacksonException e) {
                configFacts.setText("This is not JSON: paste the model's config.json");
            } catch (DomainException e) {
                configFacts.setText(io.nova.platform.ui.common.ErrorMessages.of(e));
            }
        }
        showPlan();
    }

    private ModelDeploymentSpec spec(String deploymentName) {
        return new ModelDeploymentSpec(deploymentName, model.getValue(), facts, precision.getValue(),
                pool.getValue(), replicas.getValue(), maxContext.getValue(), concurrentSequences.getValue(),
                engine.getValue(), gpuShare.getValue());
    }

    private void showPlan() {
        plan.removeAll();
        if (model.getValue() == null || pool.getValue() == null) {
            plan.add(new Paragraph("Pick a model and a pool to see how it would be served."));
            plan.getElement().setAttribute("data-feasible", "unknown");
            return;
        }
        try {
            // The plan does not depend on the name; a placeholder lets it show before one is typed.
            String planned = blankToNull(name.getValue());
            ModelPlan result = models.plan(slug, spec(planned == null ? "draft" : planned));
            errors.clear();
            render(result);
        } catch (UnplannableDeploymentException e) {
            errors.show(e.violations());
            render(e.plan());
        } catch (DomainException e) {
            errors.showRefusal(e);
            plan.add(new Paragraph(ErrorMessages.of(e)));
            plan.getElement().setAttribute("data-feasible", "unknown");
        }
    }

    private void render(ModelPlan result) {
        var summary = new Paragraph(result.summary());
        summary.addClassNames("font-semibold", result.feasible() ? "text-success" : "text-error");
        summary.setId("model-plan-summary");
        plan.add(summary);
        plan.getElement().setAttribute("data-feasible", String.valueOf(result.feasible()));
        if (result.quotaFit() != null) {
            var fit = new Paragraph(result.quotaFit() == QuotaFit.GUARANTEED
                    ? "Kueue: within the team's guaranteed GPUs, never preempted by other teams"
                    : "Kueue: partly on borrowed GPUs, preempted when their owners reclaim them");
            fit.setId("model-plan-quota-fit");
            plan.add(fit);
        }
        if (!result.problems().isEmpty()) {
            var problems = new UnorderedList();
            result.problems().forEach(p -> problems.add(new ListItem(p.message())));
            plan.add(problems);
        }
        if (!result.alternatives().isEmpty()) {
            plan.add(new Paragraph("What would fit instead:"));
            var alternatives = new UnorderedList();
            for (PlanAlternative alternative : result.alternatives()) {
                alternatives.add(new ListItem(alternative.description()));
            }
            alternatives.setId("model-plan-alternatives");
            plan.add(alternatives);
        }
        result.warnings().forEach(w -> {
            var warning = new Paragraph(w);
            warning.addClassName("text-warning");
            plan.add(warning);
        });
        var arithmetic = new Pre(String.join("\n", result.arithmetic()));
        arithmetic.addClassNames("diff-block", "arithmetic");
        arithmetic.setId("model-plan-arithmetic");
        plan.add(arithmetic);
    }

    private void deploy() {
        try {
            ModelDeploymentView created = models.create(slug, spec());
            Notices.saved("Model deployment " + created.name() + " saved: " + created.plan().summary());
            grid.getDataProvider().refreshAll();
        } catch (UnplannableDeploymentException e) {
            errors.show(e.violations());
            plan.removeAll();
            render(e.plan());
        } catch (DomainException e) {
            errors.showRefusal(e);
        }
    }

    private void confirmDelete(ModelDeploymentView deployment) {
        new ConfirmDialog("Stop serving " + deployment.name() + "?", "Its pods are removed at the next reconcile.",
                "Delete", click -> {
                    try {
                        models.delete(slug, deployment.name(), deployment.resourceVersion());
                        grid.getDataProvider().refreshAll();
                    } catch (DomainException e) {
                        Notices.refused(e);
                    }
                }, "Cancel", click -> { }).open();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String getPageTitle() {
        return "Served models of " + slug + " · Nova Platform";
    }
}
