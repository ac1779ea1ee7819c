package io.nova.platform.core.gpu;

/**
 * Whether a MIG layout fits one GPU.
 *
 * @param reason when it does not fit: what is wrong, in numbers, and what would fit; null when it fits
 */
public record MigLayoutFit(boolean fits, String reason) {

    public static MigLayoutFit fit() {
        return new MigLayoutFit(true, null);
    }

    public static MigLayoutFit misfit(String reason) {
        return new MigLayoutFit(false, reason);
    }
}
