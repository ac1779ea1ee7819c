package io.nova.platform.ui.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.gpu.GpuModel;
import io.nova.platform.core.gpu.GpuModelCatalog;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.GpuPoolSpec;
import io.nova.platform.core.gpu.GpuPoolView;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigLayout;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.gpu.PoolPreview;
import io.nova.platform.core.gpu.SharingMode;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.ui.common.FieldErrors;
import io.nova.platform.ui.common.Notices;
import io.nova.platform.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

/**
 * Create or change a GPU pool. The MIG layouts offered are the chosen GPU's own; the preview shows, as the admin
 * edits, the resource names and counts the pool will advertise, or why it cannot be saved.
 */
@Route(value = "pools/new", layout = MainLayout.class)
@RouteAlias(value = "pools/:name", layout = MainLayout.class)
@PermitAll
public class GpuPoolEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String CUSTOM_LAYOUT = "Custom devices…";

    private final GpuPoolService pools;
    private final GpuModelCatalog catalog;
    private final boolean admin;
    private final TextField name = new TextField("Name");
    private final ComboBox<String> cluster = new ComboBox<>("Cluster");
    private final ComboBox<GpuModel> gpuModel = new ComboBox<>("GPU model");
    private final IntegerField nodeCount = new IntegerField("Nodes");
    private final IntegerField gpusPerNode = new IntegerField("GPUs per node");
    private final TextField nodeSelector = new TextField("Node selector");
    private final RadioButtonGroup<SharingMode> mode = new RadioButtonGroup<>("Sharing");
    private final IntegerField replicas = new IntegerField("Time-slicing replicas per GPU");
    private final Checkbox renameByDefault = new Checkbox("Advertise as nvidia.com/gpu.shared");
    private final Checkbox failRequestsGreaterThanOne = new Checkbox("Refuse requests for more than one replica");
    private final Select<MigStrategy> migStrategy = new Select<>();
    private final Select<String> migLayout = new Select<>();
    private final TextField migDevices = new TextField("MIG devices per GPU");
    private final Div preview = new Div();
    private final FieldErrors errors = new FieldErrors();
    private final Button save = new Button("Save");
    private GpuPoolView existing;

    public GpuPoolEditorView(GpuPoolService pools, GpuModelCatalog catalog, ClusterService clusters,
                             CallerProfileService profiles) {
        this.pools = pools;
        this.catalog = catalog;
        this.admin = profiles.current().platformAdmin();
        setMaxWidth("72rem");

        name.setRequired(true);
        name.setId("pool-name");
        cluster.setItems(clusters.list(PageQuery.first(PageQuery.MAX_SIZE)).items().stream()
                .map(ClusterView::name).toList());
        cluster.setValue("local");
        cluster.setId("pool-cluster");
        gpuModel.setItems(catalog.all());
        gpuModel.setItemLabelGenerator(m -> m.displayName() + " · " + m.memoryGiB() + " GiB"
                + (m.migCapable() ? " · MIG" : ""));
        gpuModel.setRequired(true);
        gpuModel.setId("pool-gpu-model");
        nodeCount.setMin(0);
        nodeCount.setValue(1);
        nodeCount.setStepButtonsVisible(true);
        nodeCount.setId("pool-node-count");
        gpusPerNode.setMin(1);
        gpusPerNode.setValue(8);
        gpusPerNode.setStepButtonsVisible(true);
        gpusPerNode.setId("pool-gpus-per-node");
        nodeSelector.setHelperText("Node labels as key=value, comma-separated");
        nodeSelector.setId("pool-node-selector");
        mode.setItems(SharingMode.values());
        mode.setItemLabelGenerator(m -> switch (m) {
            case EXCLUSIVE -> "Whole GPUs";
            case TIME_SLICING -> "Time-slicing";
            case MIG -> "MIG";
        });
        mode.setValue(SharingMode.EXCLUSIVE);
        mode.setId("pool-sharing-mode");
        replicas.setMin(2);
        replicas.setValue(4);
        replicas.setStepButtonsVisible(true);
        replicas.setId("pool-replicas");
        migStrategy.setLabel("MIG strategy");
        migStrategy.setItems(MigStrategy.values());
        migStrategy.setValue(MigStrategy.mixed);
        migStrategy.setHelperText("mixed: one resource per profile; single: every GPU one profile, as nvidia.com/gpu");
        migStrategy.setId("pool-mig-strategy");
        migLayout.setLabel("MIG layout");
        migLayout.setEmptySelectionAllowed(false);
        migLayout.setId("pool-mig-layout");
        migDevices.setHelperText("profile=count per GPU, e.g. 3g.40gb=1, 2g.20gb=2");
        migDevices.setValueChangeMode(ValueChangeMode.LAZY);
        migDevices.setId("pool-mig-devices");

        gpuModel.addValueChangeListener(e -> {
            offerLayoutsOf(e.getValue());
            refresh();
        });
        for (var field : List.of(name, nodeSelector, migDevices)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> refresh());
        }
        nodeCount.addValueChangeListener(e -> refresh());
        gpusPerNode.addValueChangeListener(e -> refresh());
        replicas.addValueChangeListener(e -> refresh());
        renameByDefault.addValueChangeListener(e -> refresh());
        failRequestsGreaterThanOne.addValueChangeListener(e -> refresh());
        migStrategy.addValueChangeListener(e -> refresh());
        migLayout.addValueChangeListener(e -> refresh());
        mode.addValueChangeListener(e -> refresh());
        cluster.addValueChangeListener(e -> refresh());

        errors.bind("name", name).bind("cluster", cluster).bind("gpuModel", gpuModel).bind("nodeCount", nodeCount)
                .bind("gpusPerNode", gpusPerNode).bind("nodeSelector", nodeSelector).bind("sharing.replicas", replicas)
                .bind("sharing.migStrategy", migStrategy).bind("sharing.migLayout", migLayout)
                .bind("sharing.migDevices", migDevices);

        var form = new FormLayout(name, cluster, gpuModel, nodeSelector, nodeCount, gpusPerNode, mode,
                replicas, renameByDefault, failRequestsGreaterThanOne, migStrategy, migLayout, migDevices);
        form.setColspan(mode, 2);
        preview.setId("pool-preview");
        preview.getElement().setAttribute("aria-live", "polite");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("pool-save");
        save.addClickListener(click -> save());
        save.setVisible(admin);
        form.setEnabled(admin);
        var heading = new H2("GPU pool");
        heading.setId("pool-heading");
        add(heading, form, new H3("What the pool offers"), preview, save);
    }

    public static RouteParameters of(String name) {
        return new RouteParameters("name", name);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        existing = null;
        var pool = event.getRouteParameters().get("name");
        if (pool.isPresent()) {
            try {
                existing = pools.get(pool.get());
            } catch (DomainException e) {
                Notices.refused(e);
                event.forwardTo(GpuPoolsView.class);
                return;
            }
            fill(existing);
        }
        refresh();
    }

    private void fill(GpuPoolView pool) {
        name.setValue(pool.name());
        name.setReadOnly(true);
        cluster.setValue(pool.cluster());
        cluster.setReadOnly(true);
        gpuModel.setValue(catalog.find(pool.gpuModel()).orElse(null));
        nodeCount.setValue(pool.nodeCount());
        gpusPerNode.setValue(pool.gpusPerNode());
        nodeSelector.setValue(String.join(", ", pool.nodeSelector().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        GpuSharing sharing = pool.sharing();
        mode.setValue(sharing.mode());
        if (sharing.replicas() != null) {
            replicas.setValue(sharing.replicas());
        }
        renameByDefault.setValue(Boolean.TRUE.equals(sharing.renameByDefault()));
        failRequestsGreaterThanOne.setValue(Boolean.TRUE.equals(sharing.failRequestsGreaterThanOne()));
        if (sharing.migStrategy() != null) {
            migStrategy.setValue(sharing.migStrategy());
        }
        if (sharing.migLayout() != null) {
            migLayout.setValue(sharing.migLayout());
        } else if (sharing.mode() == SharingMode.MIG && sharing.migDevices() != null) {
            migLayout.setValue(CUSTOM_LAYOUT);
            migDevices.setValue(String.join(", ", sharing.migDevices().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
    }

    private void offerLayoutsOf(GpuModel model) {
        var names = new java.util.ArrayList<String>();
        if (model != null) {
            model.migLayouts().stream().map(MigLayout::name).forEach(names::add);
        }
        if (model != null && model.migCapable()) {
            names.add(CUSTOM_LAYOUT);
        }
        String previous = migLayout.getValue();
        migLayout.setItems(names);
        if (previous != null && names.contains(previous)) {
            migLayout.setValue(previous);
        } else if (!names.isEmpty()) {
            migLayout.setValue(names.getFirst());
        }
    }

    private GpuPoolSpec spec() {
        GpuModel model = gpuModel.getValue();
        SharingMode sharingMode = mode.getValue();
        GpuSharing sharing = switch (sharingMode == null ? SharingMode.EXCLUSIVE : sharingMode) {
            case EXCLUSIVE -> GpuSharing.exclusive();
            case TIME_SLICING -> new GpuSharing(SharingMode.TIME_SLICING, replicas.getValue(),
                    renameByDefault.getValue(), failRequestsGreaterThanOne.getValue(), null, null, null);
            case MIG -> CUSTOM_LAYOUT.equals(migLayout.getValue())
                    ? new GpuSharing(SharingMode.MIG, null, null, null, migStrategy.getValue(), null,
                    parseCounts(migDevices.getValue()))
                    : new GpuSharing(SharingMode.MIG, null, null, null, migStrategy.getValue(),
                    migLayout.getValue(), null);
        };
        return new GpuPoolSpec(blankToNull(name.getValue()), cluster.getValue(), model == null ? null : model.id(),
                nodeCount.getValue(), gpusPerNode.getValue(), parseLabels(nodeSelector.getValue()), sharing);
    }

    private void refresh() {
        SharingMode sharingMode = mode.getValue();
        boolean timeSlicing = sharingMode == SharingMode.TIME_SLICING;
        boolean mig = sharingMode == SharingMode.MIG;
        replicas.setVisible(timeSlicing);
        renameByDefault.setVisible(timeSlicing);
        failRequestsGreaterThanOne.setVisible(timeSlicing);
        migStrategy.setVisible(mig);
        migLayout.setVisible(mig);
        migDevices.setVisible(mig && CUSTOM_LAYOUT.equals(migLayout.getValue()));
        showPreview();
    }

    private void showPreview() {
        preview.removeAll();
        GpuPoolSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            errors.clear();
            preview.add(new Paragraph(e.getMessage()));
            return;
        }
        PoolPreview result = pools.preview(spec, existing == null ? null : existing.name());
        List<String> unplaced = errors.show(result.problems());
        if (!result.fits()) {
            var reasons = new UnorderedList();
            result.problems().stream().map(FieldViolation::message).distinct()
                    .forEach(message -> reasons.add(new ListItem(message)));
            var title = new Paragraph("This pool does not fit:");
            title.addClassName("text-error");
            preview.add(title, reasons);
            preview.getElement().setAttribute("data-fits", "false");
            return;
        }
        var cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        result.capacity().forEach((resource, count) -> {
            var number = new Div(String.valueOf(count));
            number.addClassNames("text-2xl", "font-semibold");
            var card = new Div(number, new Div(resource));
            card.addClassName("stat-card");
            card.getElement().setAttribute("data-resource", resource);
            cards.add(card);
        });
        preview.add(cards);
        preview.getElement().setAttribute("data-fits", "true");
        if (!unplaced.isEmpty()) {
            preview.add(new Paragraph(String.join("; ", unplaced)));
        }
    }

    private void save() {
        try {
            GpuPoolView saved = existing == null ? pools.create(spec())
                    : pools.update(existing.name(), spec(), existing.resourceVersion());
            Notices.saved("GPU pool " + saved.name() + " saved");
            existing = saved;
            getUI().ifPresent(ui -> ui.navigate(GpuPoolEditorView.class, of(saved.name())));
        } catch (IllegalArgumentException e) {
            Notices.refused(e.getMessage());
        } catch (DomainException e) {
            errors.showRefusal(e);
        }
    }

    /** "a=1, b=2" as a map; a part without '=' is refused with a message that names it. */
    static Map<String, Integer> parseCounts(String text) {
        var counts = new TreeMap<String, Integer>();
        parseLabels(text).forEach((key, value) -> {
            try {
                counts.put(key, Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "=" + value + "': the count must be a whole number");
            }
        });
        return counts;
    }

    static Map<String, String> parseLabels(String text) {
        var labels = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String part : text.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not key=value");
            }
            labels.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return labels;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String getPageTitle() {
        return (existing == null ? "New GPU pool" : "GPU pool " + existing.name()) + " · Nova Platform";
    }
}
