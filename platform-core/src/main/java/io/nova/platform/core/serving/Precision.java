package io.nova.platform.core.serving;

/**
 * How the weights are stored. Quantised formats keep the input embeddings and the LM head 16-bit, and 4-bit formats
 * add a 16-bit scale and a 4-bit zero point per group of 128 weights (0.52 bytes per weight in all), which matches
 * the published AWQ checkpoints of Qwen2.5 within 1%. The KV cache stays 16-bit in every case (vLLM's
 * {@code kv_cache_dtype: auto}).
 * Minimum compute capabilities: bf16 needs Ampere (8.0), fp8 needs Ada/Hopper (8.9); vLLM's int8 (W8A8) and AWQ
 * kernels need Turing (7.5); GPTQ runs from 6.0; fp16 everywhere the platform has GPUs (7.0).
 */
public enum Precision {
    FP16(2.0, "7.0", "half", null),
    BF16(2.0, "8.0", "bfloat16", null),
    FP8(1.0, "8.9", "auto", "fp8"),
    INT8(1.0, "7.5", "half", null),
    INT4_AWQ(0.52, "7.5", "half", "awq"),
    INT4_GPTQ(0.52, "6.0", "half", "gptq");

    private final double bytesPerParameter;
    private final String minComputeCapability;
    private final String vllmDtype;
    private final String vllmQuantization;

    Precision(double bytesPerParameter, String minComputeCapability, String vllmDtype, String vllmQuantization) {
        this.bytesPerParameter = bytesPerParameter;
        this.minComputeCapability = minComputeCapability;
        this.vllmDtype = vllmDtype;
        this.vllmQuantization = vllmQuantization;
    }

    public double bytesPerParameter() {
        return bytesPerParameter;
    }

    public String minComputeCapability() {
        return minComputeCapability;
    }

    /** vLLM's {@code --dtype} (activations). */
    public String vllmDtype() {
        return vllmDtype;
    }

    /** vLLM's {@code --quantization}; null where vLLM reads it from the checkpoint or none applies. */
    public String vllmQuantization() {
        return vllmQuantization;
    }

    public boolean runsOn(String computeCapability) {
        return compare(computeCapability, minComputeCapability) >= 0;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(x.length > 1 ? Integer.parseInt(x[1]) : 0,
                y.length > 1 ? Integer.parseInt(y[1]) : 0);
    }
}
