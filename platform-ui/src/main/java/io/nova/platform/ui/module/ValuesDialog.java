package io.nova.platform.ui.module;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.InvalidRequestException;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleInstallSpec;
import io.nova.platform.core.module.ModuleInstallView;
import io.nova.platform.ui.common.ErrorMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Helm values of one install as YAML. Parsed before anything is sent (a syntax error names its line), then
 * checked by the service (unknown keys, literal secrets), whose refusal is shown in the same place.
 */
class ValuesDialog extends Dialog {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final TextArea editor = new TextArea();

    ValuesDialog(ModuleDefinition module, ModuleInstallView install, boolean canChange,
                 Consumer<ModuleInstallSpec> save) {
        setHeaderTitle(module.name() + " values");
        editor.setWidthFull();
        editor.setMinHeight("20rem");
        editor.setValue(install.values() == null || install.values().isEmpty() ? "" : YAML.writeValueAsString(
                install.values()));
        editor.setReadOnly(!canChange);
        editor.setId("values-editor");
        editor.getElement().setAttribute("aria-label", module.name() + " values (YAML)");
        editor.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        String tenantPaths = module.tenancy().tenantValues().isEmpty() ? "none"
                : String.join(", ", module.tenancy().tenantValues());
        var hint = new Paragraph("Helm values merged over the platform's defaults; the platform's own settings "
                + "(addresses, sign-on, service accounts, scheduling) win. Tenant admins may set: " + tenantPaths
                + ". Reference secrets, never paste them: the platform refuses literal passwords and tokens.");
        hint.setId("values-policy");
        hint.addClassNames("text-s", "text-secondary");
        add(hint, editor);

        var apply = new Button("Save", click -> {
            Map<String, Object> values;
            try {
                values = parse(editor.getValue());
            } catch (IllegalArgumentException e) {
                editor.setErrorMessage(e.getMessage());
                editor.setInvalid(true);
                return;
            }
            try {
                save.accept(new ModuleInstallSpec(true, install.version(), values, false, install.secretDelivery()));
                close();
            } catch (DomainException e) {
                editor.setErrorMessage(atLines(editor.getValue(), e));
                editor.setInvalid(true);
            }
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("values-save");
        apply.setVisible(canChange);
        getFooter().add(new Button("Close", click -> close()), apply);
        setWidth("min(56rem, 95vw)");
    }

    /** The service's refusal, each violation of a values path prefixed with the line where that key stands. */
    static String atLines(String yaml, DomainException refusal) {
        if (!(refusal instanceof InvalidRequestException invalid) || invalid.violations().isEmpty()) {
            return ErrorMessages.of(refusal);
        }
        YamlLines lines = YamlLines.of(YAML, yaml);
        return invalid.violations().stream().map(v -> {
            String path = v.field().startsWith("values.") ? v.field().substring("values.".length()) : "";
            int line = lines.lineOf(path);
            return (line > 0 ? "Line " + line + ": " : "") + v.message();
        }).collect(java.util.stream.Collectors.joining("; "));
    }

    /** The YAML as a map; a syntax error or a document that is not a map is refused with its line. */
    static Map<String, Object> parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = YAML.readTree(yaml);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException((line > 0 ? "Line " + line + ": " : "") + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("Line 1: values must be a map of keys, not " + node.getNodeType());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = YAML.convertValue(node, LinkedHashMap.class);
        return values;
    }
}
