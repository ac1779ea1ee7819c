package io.nova.platform.ui.tenant;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.tenant.TenantQuota;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantSpec;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.common.FieldErrors;
import io.nova.platform.ui.common.Notices;

/** Create or edit a tenant; the rules are checked as the admin types, and again when saving. */
class TenantDialog extends Dialog {

    private final TextField slug = new TextField("Slug");
    private final TextField displayName = new TextField("Display name");
    private final TextArea description = new TextArea("Description");
    private final TextField ownerGroups = new TextField("Owner groups");
    private final TextField memberGroups = new TextField("Member groups");
    private final TextField egressCidrs = new TextField("Extra egress ranges");
    private final ComboBox<String> cluster = new ComboBox<>("Cluster");
    private final TextField cpu = new TextField("CPU quota");
    private final TextField memory = new TextField("Memory quota");
    private final TextField storage = new TextField("Storage quota");
    private final FieldErrors errors = new FieldErrors();
    private final TenantService tenants;
    private final TenantView existing;

    TenantDialog(TenantService tenants, ClusterService clusters, TenantView existing, Consumer<TenantView> onSaved) {
        this.tenants = tenants;
        this.existing = existing;
        setHeaderTitle(existing == null ? "New tenant" : "Edit tenant " + existing.slug());
        slug.setHelperText("Lower-case letters, digits and '-'; becomes the namespace");
        slug.setRequired(true);
        displayName.setRequired(true);
        ownerGroups.setHelperText("Comma-separated groups of the identity provider; their members administer the tenant");
        memberGroups.setHelperText("Comma-separated groups whose members use the tools and read the namespace");
        egressCidrs.setHelperText("Comma-separated private ranges the pods may reach, e.g. 10.20.0.0/16; "
                + "the internet is open already");
        cluster.setItems(clusters.list(PageQuery.first(PageQuery.MAX_SIZE)).items().stream()
                .map(ClusterView::name).toList());
        cluster.setValue(TenantService.DEFAULT_CLUSTER);
        cpu.setHelperText("e.g. 32 or 500m; empty: no limit");
        memory.setHelperText("e.g. 128Gi");
        storage.setHelperText("e.g. 1Ti");
        for (var field : List.of(slug, displayName, ownerGroups, memberGroups, egressCidrs, cpu, memory, storage)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> validateLive());
        }
        description.addValueChangeListener(e -> validateLive());
        errors.bind("slug", slug).bind("displayName", displayName).bind("description", description)
                .bind("ownerGroups", ownerGroups).bind("memberGroups", memberGroups)
                .bind("egressCidrs", egressCidrs).bind("cluster", cluster).bind("quota.cpu", cpu)
                .bind("quota.memory", memory).bind("quota.storage", storage);
        slug.setId("tenant-slug");
        displayName.setId("tenant-display-name");
        ownerGroups.setId("tenant-owner-groups");
        memberGroups.setId("tenant-member-groups");
        egressCidrs.setId("tenant-egress-cidrs");
        cpu.setId("tenant-cpu");
        memory.setId("tenant-memory");
        storage.setId("tenant-storage");

        if (existing != null) {
            slug.setValue(existing.slug());
            slug.setReadOnly(true);
            cluster.setValue(existing.cluster());
            cluster.setReadOnly(true);
            displayName.setValue(existing.displayName());
            description.setValue(existing.description() == null ? "" : existing.description());
            ownerGroups.setValue(String.join(", ", existing.ownerGroups()));
            memberGroups.setValue(String.join(", ", existing.memberGroups()));
            egressCidrs.setValue(String.join(", ", existing.egressCidrs()));
            TenantQuota q = existing.quota();
            cpu.setValue(q.cpu() == null ? "" : q.cpu());
            memory.setValue(q.memory() == null ? "" : q.memory());
            storage.setValue(q.storage() == null ? "" : q.storage());
        }

        var form = new FormLayout(slug, displayName, cluster, ownerGroups, memberGroups, egressCidrs, cpu, memory,
                storage, description);
        form.setColspan(description, 2);
        form.setColspan(ownerGroups, 2);
        form.setColspan(memberGroups, 2);
        form.setColspan(egressCidrs, 2);
        add(form);

        var save = new Button(existing == null ? "Create" : "Save", click -> save(onSaved));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("tenant-save");
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
        setWidth("min(48rem, 95vw)");
    }

    private TenantSpec spec() {
        return new TenantSpec(blankToNull(slug.getValue()), blankToNull(displayName.getValue()),
                blankToNull(description.getValue()), commaSeparated(ownerGroups), commaSeparated(memberGroups),
                existing == null ? null : existing.namespace(), cluster.getValue(),
                new TenantQuota(blankToNull(cpu.getValue()), blankToNull(memory.getValue()),
                        blankToNull(storage.getValue())), existing == null ? null : existing.state(),
                commaSeparated(egressCidrs));
    }

    private static List<String> commaSeparated(TextField field) {
        return Arrays.stream(field.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void validateLive() {
        errors.show(TenantService.problems(spec(), existing == null));
    }

    private void save(Consumer<TenantView> onSaved) {
        try {
            TenantView saved = existing == null ? tenants.create(spec())
                    : tenants.update(existing.slug(), spec(), existing.resourceVersion());
            Notices.saved("Tenant " + saved.slug() + " saved");
            close();
            onSaved.accept(saved);
        } catch (DomainException e) {
            errors.showRefusal(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
