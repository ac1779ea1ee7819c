package io.nova.platform.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.HasValidation;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;

/**
 * Shows a service's field violations next to the fields they name; what names no field on the form is returned so
 * the form can show it elsewhere. Field paths match by prefix: {@code quota.cpu} lands on the field bound to
 * {@code quota.cpu}, {@code sharing.migLayout} on {@code sharing.migLayout} or else {@code sharing}.
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrors bind(String path, HasValidation field) {
        fields.put(path, field);
        return this;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /** Marks the fields; returns the messages of violations that name none of them. */
    public List<String> show(List<FieldViolation> violations) {
        clear();
        var unplaced = new ArrayList<String>();
        for (FieldViolation v : violations) {
            HasValidation field = find(v.field());
            if (field == null) {
                unplaced.add(v.field() + ": " + v.message());
            } else {
                String previous = field.isInvalid() ? field.getErrorMessage() + "; " : "";
                field.setErrorMessage(previous + v.message());
                field.setInvalid(true);
            }
        }
        return unplaced;
    }

    /** Shows a refusal: field violations at their fields, anything else as a notification. */
    public void showRefusal(RuntimeException error) {
        if (error instanceof InvalidRequestException invalid) {
            List<String> rest = show(invalid.violations());
            if (!rest.isEmpty()) {
                Notices.refused(String.join("; ", rest));
            }
        } else {
            Notices.refused(error);
        }
    }

    private HasValidation find(String path) {
        for (String candidate = path; !candidate.isEmpty(); candidate = parent(candidate)) {
            HasValidation field = fields.get(candidate);
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    private static String parent(String path) {
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
