package io.nova.platform.ui.serving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.serving.CoLocationPlan;
import io.nova.platform.core.serving.CoLocationSpec;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.core.serving.ModelDeploymentSpec;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.UnplannableCoLocationException;
import io.nova.platform.ui.common.ErrorMessages;

/**
 * "Can these models share that pool?": several catalog models with one context, concurrency and precision, planned
 * together on a time-sliced pool — each one's share of every GPU and pipeline stages, or how much each GPU lacks and
 * what would fit. Nothing is saved; the shares it gives go into the deployment form's GPU share.
 */
class CoLocationPanel extends VerticalLayout {

    private final ModelDeploymentService models;
    private final String slug;
    private final Select<String> pool = new Select<>();
    private final TextArea ids = new TextArea("Models, one Hugging Face id per line");
    private final Select<Precision> precision = new Select<>();
    private final IntegerField context = new IntegerField("Max context (tokens)");
    private final IntegerField sequences = new IntegerField("Concurrent sequences");
    private final Div result = new Div();

    CoLocationPanel(ModelDeploymentService models, String slug, List<String> poolNames) {
        this.models = models;
        this.slug = slug;
        setPadding(false);
        setId("co-location");
        var intro = new Paragraph("Plan several models on the same GPUs of a time-sliced pool, each with its own "
                + "memory budget and one pipeline stage per node.");
        intro.addClassNames("text-s", "text-secondary");
        pool.setLabel("Time-sliced GPU pool");
        pool.setItems(poolNames);
        pool.setId("colo-pool");
        ids.setId("colo-models");
        ids.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        ids.setPlaceholder("Qwen/Qwen2.5-7B-Instruct\nQwen/Qwen2.5-Coder-14B-Instruct");
        precision.setLabel("Precision");
        precision.setItems(Precision.values());
        precision.setEmptySelectionAllowed(true);
        precision.setEmptySelectionCaption("BF16 where the GPU has it, else FP16");
        precision.setId("colo-precision");
        context.setPlaceholder("8192 or the model's");
        context.setId("colo-context");
        sequences.setPlaceholder("4");
        sequences.setId("colo-sequences");
        var plan = new Button("Plan together", VaadinIcon.SPLIT.create(), click -> plan());
        plan.setId("colo-plan");
        var form = new FormLayout(pool, ids, precision, context, sequences, plan);
        form.setColspan(ids, 2);
        result.setId("colo-result");
        result.setWidthFull();
        result.getElement().setAttribute("aria-live", "polite");
        add(new H3("Models sharing GPUs"), intro, form, result);
    }

    private void plan() {
        result.removeAll();
        var specs = new ArrayList<ModelDeploymentSpec>();
        var names = new HashSet<String>();
        for (String line : ids.getValue() == null ? List.<String>of() : ids.getValue().lines().toList()) {
            String id = line.strip();
            if (!id.isEmpty()) {
                specs.add(new ModelDeploymentSpec(uniqueName(id, names), id, null, precision.getValue(), null, null,
                        context.getValue(), sequences.getValue(), null, null));
            }
        }
        try {
            show(models.coLocationPlan(slug, new CoLocationSpec(pool.getValue(), specs)));
        } catch (UnplannableCoLocationException e) {
            show(e.plan());
        } catch (DomainException e) {
            result.getElement().setAttribute("data-feasible", "unknown");
            var message = new Paragraph(ErrorMessages.of(e));
            message.setId("colo-summary");
            message.addClassNames("text-error");
            result.add(message);
        }
    }

    private void show(CoLocationPlan plan) {
        result.getElement().setAttribute("data-feasible", String.valueOf(plan.feasible()));
        var summary = new Paragraph(plan.summary());
        summary.setId("colo-summary");
        summary.addClassNames("font-semibold", plan.feasible() ? "text-success" : "text-error");
        result.add(summary);
        if (plan.feasible()) {
            var shares = new UnorderedList();
            plan.deployments().forEach(m -> shares.add(new ListItem(("%s: gpuShare %s (%d of %d time-slices), "
                    + "pp %d, needs %.2f of %.2f GiB per GPU").formatted(m.name(), m.gpuShare(), m.timeSlices(),
                    plan.timeSlicesPerGpu(), m.pipelineParallelSize(), m.needPerGpuGiB(), m.budgetPerGpuGiB()))));
            shares.setId("colo-shares");
            result.add(shares);
        }
        if (!plan.alternatives().isEmpty()) {
            var alternatives = new UnorderedList();
            plan.alternatives().forEach(a -> alternatives.add(new ListItem(a.description())));
            alternatives.setId("colo-alternatives");
            result.add(new Paragraph("What would fit instead:"), alternatives);
        }
        var arithmetic = new Pre(String.join("\n", plan.arithmetic()));
        arithmetic.addClassNames("diff-block", "arithmetic");
        result.add(arithmetic);
    }

    /** A deployment name from a model id: {@code Qwen/Qwen2.5-7B-Instruct} → {@code qwen2-5-7b-instruct}. */
    static String uniqueName(String modelId, java.util.Set<String> taken) {
        String base = modelId.substring(modelId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "m-" + base;
        }
        base = base.length() > 36 ? base.substring(0, 36).replaceAll("-+$", "") : base;
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
