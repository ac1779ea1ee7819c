package io.nova.platform.k8s.render.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.module.integration.CredentialKey;
import io.nova.platform.k8s.render.Values;

/**
 * MinIO (the MinIO chart):
 * <ul>
 *   <li>its root user from the generated {@code minio-root-credentials}, used only by the chart's set-up job;</li>
 *   <li>login to the console through the platform's provider: the {@code groups} claim names MinIO policies, and the
 *   platform renders one policy per tenant group: owners may do anything with every bucket, members may read and
 *   write objects in every bucket but MLflow's;</li>
 *   <li>with MLflow: its bucket, and the user MLflow logs in as (access key and secret key from
 *   {@code mlflow-s3-credentials}) with a policy for that bucket only;</li>
 *   <li>its ServiceAccount named {@code minio-sa}; no chart NetworkPolicy.</li>
 * </ul>
 * The tenant's own {@code buckets} and {@code policies} are kept; the platform's entries replace those of the same
 * name, and a tenant policy may grant only S3 actions (no {@code admin:} or {@code kms:} ones), so a tenant's values
 * cannot widen what a group or MLflow may do.
 */
final class MinioValues implements ToolValues {

    static final String MLFLOW_POLICY = "mlflow-artifacts";
    private static final String ALL_BUCKETS = "arn:aws:s3:::*";
    private static final List<String> OBJECT_ACTIONS = List.of("s3:GetBucketLocation", "s3:ListBucket",
            "s3:ListBucketMultipartUploads", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

    /**
     * What MinIO reads from its environment over the chart's own settings: the root user (the platform's generated
     * {@code minio-root-credentials}, which MLflow's user and the bucket jobs rely on) and how people log in (the
     * platform's provider; not a second one, LDAP or an authorization plugin a tenant adds). The chart renders
     * {@code environment} after its own variables, so a tenant's entry of the same name would win in the pod.
     */
    private static final List<String> PLATFORM_VARIABLES = List.of("MINIO_ROOT_", "MINIO_ACCESS_KEY",
            "MINIO_SECRET_KEY", "MINIO_IDENTITY_", "MINIO_POLICY_PLUGIN_");

    @Override
    public String module() {
        return "minio";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        boolean mlflow = context.enabled("mlflow");
        var buckets = new ArrayList<Map<String, Object>>();
        var policies = new ArrayList<Map<String, Object>>();
        var users = new ArrayList<Map<String, Object>>();
        if (mlflow) {
            buckets.add(Map.of("name", MlflowValues.BUCKET, "policy", "none", "purge", false));
            policies.add(policy(MLFLOW_POLICY, List.of(
                    allow(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
                            List.of(bucket(MlflowValues.BUCKET))),
                    allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                            "s3:ListMultipartUploadParts"), List.of(bucket(MlflowValues.BUCKET) + "/*")))));
            users.add(mlflowUser(context));
        }
        if (context.tenant() != null) {
            policies.addAll(groupPolicies(context.tenant(), mlflow));
        }
        Map<String, Object> values = Values.merge(
                Map.of("existingSecret", "minio-root-credentials"),
                Values.at("serviceAccount", Map.of("create", true, "name", "minio-sa")),
                Values.at("networkPolicy.enabled", false),
                Map.of("buckets", byName(tenantList(context, "buckets"), buckets)),
                Map.of("policies", byName(s3Only(tenantList(context, "policies")), policies)),
                Map.of("users", users));
        if (context.signsOn()) {
            values = Values.merge(values, Map.of("oidc", signOn(context)));
        }
        return values;
    }

    @Override
    public Map<String, Object> tenantValues(ToolContext context) {
        return ToolValues.withoutVariables(context.install().values(), "environment", PLATFORM_VARIABLES);
    }

    private static Map<String, Object> signOn(ToolContext context) {
        var oidc = new LinkedHashMap<String, Object>();
        oidc.put("enabled", true);
        oidc.put("configUrl", context.signOn().discovery());
        oidc.put("existingClientSecretName", context.oidcSecret());
        oidc.put("existingClientIdKey", ToolContext.CLIENT_ID_KEY);
        oidc.put("existingClientSecretKey", ToolContext.CLIENT_SECRET_KEY);
        oidc.put("claimName", "groups");
        oidc.put("scopes", "openid,groups");
        oidc.put("redirectUri", context.redirectUri());
        oidc.put("displayName", "Nova");
        return oidc;
    }

    private static Map<String, Object> mlflowUser(ToolContext context) {
        String accessKey = context.credential(MlflowValues.S3_SECRET).stream()
                .flatMap(credential -> credential.keys().stream())
                .filter(key -> key.key().equals(MlflowValues.S3_ACCESS_KEY)).map(CredentialKey::value)
                .filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("the MinIO chart reads a user's access key from its "
                        + "values only: " + MlflowValues.S3_SECRET + " needs a FIXED " + MlflowValues.S3_ACCESS_KEY));
        return Map.of("accessKey", accessKey, "existingSecret", MlflowValues.S3_SECRET,
                "existingSecretKey", MlflowValues.S3_SECRET_KEY, "policy", MLFLOW_POLICY);
    }

    /** A policy per owner group (everything on every bucket) and per member group (objects, not MLflow's). */
    private static List<Map<String, Object>> groupPolicies(ToolTenant tenant, boolean mlflow) {
        var policies = new ArrayList<Map<String, Object>>();
        for (String group : tenant.ownerGroups()) {
            policies.add(policy(group, List.of(allow(List.of("s3:*"), List.of(ALL_BUCKETS)))));
        }
        for (String group : tenant.memberGroups()) {
            if (tenant.ownerGroups().contains(group)) {
                continue;
            }
            var statements = new ArrayList<Map<String, Object>>();
            statements.add(allow(List.of("s3:ListAllMyBuckets"), List.of(ALL_BUCKETS)));
            statements.add(allow(OBJECT_ACTIONS, List.of(ALL_BUCKETS)));
            if (mlflow) {
                // MLflow's artifacts are read and written through MLflow, which checks its own permissions
                statements.add(Map.of("effect", "Deny", "actions", List.of("s3:*"),
                        "resources", List.of(bucket(MlflowValues.BUCKET), bucket(MlflowValues.BUCKET) + "/*")));
            }
            policies.add(policy(group, statements));
        }
        return policies;
    }

    private static Map<String, Object> policy(String name, List<Map<String, Object>> statements) {
        return Map.of("name", name, "statements", statements);
    }

    private static Map<String, Object> allow(List<String> actions, List<String> resources) {
        return Map.of("actions", actions, "resources", resources);
    }

    private static String bucket(String name) {
        return "arn:aws:s3:::" + name;
    }

    /** The install's list under {@code key}, or the catalog default's. */
    private static List<Map<String, Object>> tenantList(ToolContext context, String key) {
        Object list = context.install().values().containsKey(key) ? context.install().values().get(key)
                : context.install().module().defaultValues().get(key);
        var entries = new ArrayList<Map<String, Object>>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map && map.get("name") instanceof String) {
                    @SuppressWarnings("unchecked")
                    var entry = (Map<String, Object>) map;
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** The tenant's policies without statements that grant more than S3 actions. */
    private static List<Map<String, Object>> s3Only(List<Map<String, Object>> policies) {
        var kept = new ArrayList<Map<String, Object>>();
        for (Map<String, Object> policy : policies) {
            if (!(policy.get("statements") instanceof List<?> statements)) {
                continue;
            }
            List<?> s3 = statements.stream().filter(statement -> statement instanceof Map<?, ?> map
                    && map.get("actions") instanceof List<?> actions && !actions.isEmpty()
                    && actions.stream().allMatch(action -> String.valueOf(action).startsWith("s3:"))).toList();
            if (!s3.isEmpty()) {
                var copy = new LinkedHashMap<>(policy);
                copy.put("statements", s3);
                kept.add(copy);
            }
        }
        return kept;
    }

    /** The tenant's entries, then the platform's, which replace the tenant's of the same name. */
    private static List<Map<String, Object>> byName(List<Map<String, Object>> tenant,
                                                    List<Map<String, Object>> platform) {
        Set<Object> platformNames = platform.stream().map(entry -> entry.get("name")).collect(Collectors.toSet());
        var merged = new ArrayList<Map<String, Object>>();
        tenant.stream().filter(entry -> !platformNames.contains(entry.get("name"))).forEach(merged::add);
        merged.addAll(platform);
        return merged;
    }
}
