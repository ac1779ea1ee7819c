package io.nova.platform.core.serving;

import io.nova.platform.core.common.InvalidRequestException;

/** The models are valid but do not fit together: the plan says where each GPU falls short and what would fit. */
public class UnplannableCoLocationException extends InvalidRequestException {

    private final CoLocationPlan plan;

    public UnplannableCoLocationException(CoLocationPlan plan) {
        super("The models cannot share pool '%s': %s".formatted(plan.pool(), plan.summary()), plan.problems());
        this.plan = plan;
    }

    public CoLocationPlan plan() {
        return plan;
    }
}
