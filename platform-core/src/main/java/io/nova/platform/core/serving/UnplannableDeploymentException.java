package io.nova.platform.core.serving;

import io.nova.platform.core.common.InvalidRequestException;

/** The request is valid but does not fit: the plan says what is missing and what would fit instead. */
public class UnplannableDeploymentException extends InvalidRequestException {

    private final ModelPlan plan;

    public UnplannableDeploymentException(ModelPlan plan) {
        super("The model deployment cannot be planned: " + plan.summary(), plan.problems());
        this.plan = plan;
    }

    public ModelPlan plan() {
        return plan;
    }
}
