package io.nova.platform.core.quota;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.gpu.PoolCommitments;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
@Transactional(readOnly = true)
class GpuQuotaCommitments implements PoolCommitments {

    private final GpuQuotaRepository quotas;

    GpuQuotaCommitments(GpuQuotaRepository quotas) {
        this.quotas = quotas;
    }

    @Override
    public Map<String, Long> guaranteed(GpuPool pool) {
        var sums = new TreeMap<String, Long>();
        quotas.findByPool(pool).forEach(q -> q.resources()
                .forEach((resource, amount) -> sums.merge(resource, amount.guaranteed(), Long::sum)));
        return sums;
    }

    @Override
    public Map<String, Map<String, Long>> guaranteedByPool(java.util.Collection<GpuPool> pools) {
        var byPool = new TreeMap<String, Map<String, Long>>();
        if (pools.isEmpty()) {
            return byPool;
        }
        quotas.findByPoolIn(pools).forEach(q -> q.resources().forEach((resource, amount) -> byPool
                .computeIfAbsent(q.pool().name(), name -> new TreeMap<>())
                .merge(resource, amount.guaranteed(), Long::sum)));
        return byPool;
    }

    @Override
    public List<String> holders(GpuPool pool) {
        return quotas.holders(pool);
    }
}
