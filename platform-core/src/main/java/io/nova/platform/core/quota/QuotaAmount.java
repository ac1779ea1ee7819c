package io.nova.platform.core.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How much of one GPU resource a tenant gets: {@code guaranteed} is reserved for it (the sum over tenants never
 * exceeds the pool), {@code limit} is what it may use when others leave room.
 */
@Embeddable
public record QuotaAmount(
        @Column(name = "guaranteed", nullable = false) Long guaranteed,
        @Column(name = "limit_amount", nullable = false) Long limit) {
}
