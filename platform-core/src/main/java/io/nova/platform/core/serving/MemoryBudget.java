package io.nova.platform.core.serving;

/**
 * The memory arithmetic of a plan, in GiB (2^30 bytes), rounded to hundredths.
 *
 * @param weightsGiB           all weights: parameters × bytes per parameter
 * @param kvCacheGiB           the KV cache for maxContext × concurrentSequences tokens over all layers
 * @param weightsPerGpuGiB     the weights of the largest pipeline stage, split over the tensor-parallel GPUs
 * @param kvCachePerGpuGiB     the KV cache of that stage's layers and of the KV heads one GPU holds
 * @param overheadPerGpuGiB    activations, CUDA graphs and sampler buffers inside vLLM's budget
 * @param needPerGpuGiB        weights + KV cache + overhead per GPU
 * @param deviceGiB            the memory one device offers: a GPU, a MIG instance, or a time-sliced share of a GPU
 * @param gpuMemoryUtilization vLLM's {@code gpu_memory_utilization} for the physical GPU (0.90, divided by the
 *                             time-slicing replicas for a share)
 * @param usablePerGpuGiB      deviceGiB × 0.90: what vLLM may allocate on the device
 */
public record MemoryBudget(double weightsGiB, double kvCacheGiB, double weightsPerGpuGiB, double kvCachePerGpuGiB,
                           double overheadPerGpuGiB, double needPerGpuGiB, double deviceGiB,
                           double gpuMemoryUtilization, double usablePerGpuGiB) {
}
