package io.nova.platform.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.gpu.GpuPoolUsage;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.quota.GpuQuotaSpec;
import io.nova.platform.core.quota.GpuQuotaView;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.ui.common.FieldErrors;
import io.nova.platform.ui.common.Notices;

/** Guarantee a tenant a share of a pool of its cluster, and cap what it may use on top. */
class GpuQuotaDialog extends Dialog {

    private final ComboBox<GpuPoolUsage> pool = new ComboBox<>("GPU pool");
    private final IntegerField guaranteed = new IntegerField("Guaranteed");
    private final IntegerField limit = new IntegerField("Limit");
    private final Paragraph room = new Paragraph();
    private final FieldErrors errors = new FieldErrors();
    /** The version of the quota the form shows, so that a concurrent change is refused rather than overwritten. */
    private Long shownVersion;

    GpuQuotaDialog(GpuQuotaService quotas, GpuPoolService pools, TenantView tenant, Runnable onSaved) {
        setHeaderTitle("GPU quota for " + tenant.slug());
        pool.setItems(pools.listWithUsage(tenant.cluster(), PageQuery.first(PageQuery.MAX_SIZE)).items());
        pool.setItemLabelGenerator(u -> u.pool().name() + " (" + u.pool().gpuModel() + ")");
        pool.setRequired(true);
        pool.setId("quota-pool");
        pool.addValueChangeListener(e -> show(quotas, tenant.slug(), e.getValue()));
        guaranteed.setMin(0);
        guaranteed.setStepButtonsVisible(true);
        guaranteed.setHelperText("Reserved for this tenant; all guarantees together never exceed the pool");
        guaranteed.setId("quota-guaranteed");
        limit.setMin(0);
        limit.setStepButtonsVisible(true);
        limit.setHelperText("At most this much, when others leave room; at least the guarantee");
        limit.setId("quota-limit");
        errors.bind("pool", pool).bind("guaranteed", guaranteed).bind("limit", limit).bind("resources", guaranteed);
        add(new FormLayout(pool, guaranteed, limit), room);

        var save = new Button("Save", click -> {
            if (pool.getValue() == null) {
                pool.setInvalid(true);
                pool.setErrorMessage("Choose a pool");
                return;
            }
            String name = pool.getValue().pool().name();
            try {
                quotas.put(tenant.slug(), name, new GpuQuotaSpec(null, toLong(guaranteed.getValue()),
                        toLong(limit.getValue()), null), shownVersion);
                Notices.saved("GPU quota on " + name + " saved");
                close();
                onSaved.run();
            } catch (DomainException e) {
                errors.showRefusal(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("quota-save");
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void show(GpuQuotaService quotas, String tenant, GpuPoolUsage usage) {
        shownVersion = null;
        room.setText(usage == null ? "" : "Pool capacity: " + usage.pool().capacity() + "; already guaranteed to "
                + "tenants: " + usage.guaranteed());
        if (usage == null) {
            return;
        }
        try {
            GpuQuotaView current = quotas.get(tenant, usage.pool().name());
            shownVersion = current.resourceVersion();
            guaranteed.setValue(current.guaranteed() == null ? null : current.guaranteed().intValue());
            limit.setValue(current.limit() == null ? null : current.limit().intValue());
        } catch (NotFoundException e) {
            guaranteed.clear();
            limit.clear();
        }
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }
}
