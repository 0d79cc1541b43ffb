package io.slb.core;

import org.jspecify.annotations.Nullable;

/**
 * Status is what the reconciler last found for a load balancer: {@code pending} until every stage
 * has run once, {@code active} when the world matches the journal, {@code failed} with the stage that
 * failed and its last error otherwise (the reconciler keeps retrying a failed load balancer).
 */
public record Status(Phase phase, @Nullable String stage, @Nullable String error) {
    public static final Status PENDING = new Status(Phase.PENDING, null, null);
    public static final Status ACTIVE = new Status(Phase.ACTIVE, null, null);

    /** Phase is the coarse state of a load balancer. */
    public enum Phase { PENDING, ACTIVE, FAILED }

    /** Returns a failed status naming {@code stage} and its last {@code error}. */
    public static Status failed(String stage, String error) {
        return new Status(Phase.FAILED, stage, error);
    }
}
