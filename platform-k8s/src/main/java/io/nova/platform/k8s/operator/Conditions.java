package io.nova.platform.k8s.operator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.nova.platform.k8s.crd.Condition;

/**
 * Builds a status' {@code conditions} in a fixed order (Ready, Reconciling, Degraded), keeping each condition's
 * {@code lastTransitionTime} from the previous status as long as its status (True/False) did not flip, so that an
 * unchanged state gives an equal status and no write.
 */
final class Conditions {

    private final List<Condition> previous;
    private final Long generation;
    private final Instant now;
    private final List<Condition> conditions = new ArrayList<>();

    Conditions(List<Condition> previous, Long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since = previous.stream()
                .filter(c -> type.equals(c.type()) && value.equals(c.status()) && c.lastTransitionTime() != null)
                .map(Condition::lastTransitionTime).findFirst().orElse(now.toString());
        conditions.add(new Condition(type, value, reason, message, since, generation));
        return this;
    }

    List<Condition> build() {
        return List.copyOf(conditions);
    }

    /** The condition of this type, or null. */
    static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> Objects.equals(type, c.type())).findFirst().orElse(null);
    }
}
