package io.nova.platform.app.api;

/** Request examples shown in the OpenAPI document and Swagger UI. */
public final class ApiExamples {

    public static final String CLUSTER_GITOPS = """
            {"name": "prod-eu", "deliveryMode": "GITOPS", "apiServer": "https://10.0.0.1:6443",
             "credentialsRef": "kv/clusters/prod-eu#kubeconfig",
             "gitops": {"url": "https://git.example.com/platform/fleet.git", "branch": "main", "path": "clusters/prod-eu"}}""";
    public static final String CLUSTER_DIRECT = """
            {"name": "lab", "deliveryMode": "DIRECT", "apiServer": "https://lab.example.com:6443",
             "credentialsRef": "kv/clusters/lab#token"}""";
    public static final String POOL_MIG = """
            {"name": "h100-mig", "cluster": "prod-eu", "gpuModel": "H100-80GB", "nodeCount": 2, "gpusPerNode": 8,
             "nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"},
             "sharing": {"mode": "MIG", "migStrategy": "mixed", "migLayout": "all-1g.10gb"}}""";
    public static final String POOL_TIME_SLICING = """
            {"name": "t4-shared", "cluster": "prod-eu", "gpuModel": "T4", "nodeCount": 4, "gpusPerNode": 1,
             "sharing": {"mode": "TIME_SLICING", "replicas": 4, "renameByDefault": false,
                         "failRequestsGreaterThanOne": true}}""";
    public static final String TENANT = """
            {"slug": "team-a", "displayName": "Team A", "description": "Recommendation models",
             "ownerGroups": ["ml-team-a-admins"], "cluster": "prod-eu",
             "quota": {"cpu": "64", "memory": "256Gi", "storage": "2Ti"}}""";
    public static final String QUOTA_SINGLE = """
            {"guaranteed": 8, "limit": 16}""";
    public static final String QUOTA_MULTI = """
            {"resources": {"nvidia.com/mig-1g.10gb": {"guaranteed": 14, "limit": 28},
                           "nvidia.com/mig-3g.40gb": {"guaranteed": 2, "limit": 4}}}""";
    public static final String MODULE_INSTALL = """
            {"enabled": true, "enableDependencies": true, "values": {}}""";

    public static final String MODEL_DEPLOYMENT = """
            {"name": "coder", "model": "Qwen/Qwen2.5-Coder-14B-Instruct", "precision": "FP16", "pool": "t4",
             "replicas": 1, "maxContext": 8192, "concurrentSequences": 4}""";

    public static final String CO_LOCATION = """
            {"pool": "t4-shared", "deployments": [
              {"name": "chat", "model": "Qwen/Qwen2.5-7B-Instruct", "precision": "FP16", "maxContext": 4096,
               "concurrentSequences": 2},
              {"name": "coder", "model": "Qwen/Qwen2.5-Coder-14B-Instruct", "precision": "FP16", "maxContext": 4096,
               "concurrentSequences": 2}]}""";

    private ApiExamples() {
    }
}
