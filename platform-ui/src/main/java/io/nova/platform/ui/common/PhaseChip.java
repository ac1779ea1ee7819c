package io.nova.platform.ui.common;

import com.vaadin.flow.component.html.Span;
import io.nova.platform.core.module.ModulePhase;

/** A module install's phase as a coloured chip; a disabled install shows as "Off". */
public class PhaseChip extends Span {

    public PhaseChip(boolean enabled, ModulePhase phase) {
        String name = !enabled ? "DISABLED" : phase == null ? "UNKNOWN" : phase.name();
        setText(!enabled ? "Off" : phase == null ? "Unknown" : label(phase));
        addClassNames("phase-chip", "phase-" + name);
        getElement().setAttribute("data-phase", name);
    }

    public static String label(ModulePhase phase) {
        String name = phase.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
