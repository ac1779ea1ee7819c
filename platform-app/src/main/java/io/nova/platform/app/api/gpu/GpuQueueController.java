package io.nova.platform.app.api.gpu;

import io.nova.platform.app.api.Paging;
import io.nova.platform.core.quota.queue.GpuQueueService;
import io.nova.platform.core.quota.queue.GpuQueuesView;
import io.nova.platform.core.quota.queue.TenantQueueReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The live picture of Kueue's GPU queues: quotas from the platform, use and waiting workloads from the cluster. */
@RestController
@Tag(name = "GPU queues", description = "Guaranteed vs borrowed vs free GPUs per pool and what waits, from Kueue")
class GpuQueueController {

    private final GpuQueueService queues;

    GpuQueueController(GpuQueueService queues) {
        this.queues = queues;
    }

    @GetMapping("/api/v1/clusters/{name}/gpu-queues")
    @Operation(summary = "A cluster's GPU queues: per pool and resource capacity, guaranteed, in use, borrowed and "
            + "free; one page of its tenants' queues with their quotas, use and workload counts. Platform admins and "
            + "viewers; `observed` is false (with a `message`) where Kueue is off or the cluster is out of reach")
    GpuQueuesView cluster(@PathVariable String name, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        return queues.cluster(name, Paging.of(page, size));
    }

    @GetMapping("/api/v1/tenants/{slug}/gpu-queue")
    @Operation(summary = "A tenant's GPU queue: its quotas, what it uses of them (borrowed GPUs can be reclaimed by "
            + "their owners), and each waiting workload with Kueue's reason")
    TenantQueueReport tenant(@PathVariable String slug) {
        return queues.tenant(slug);
    }
}
