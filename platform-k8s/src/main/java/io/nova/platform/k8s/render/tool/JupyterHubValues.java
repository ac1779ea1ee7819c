package io.nova.platform.k8s.render.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.nova.platform.k8s.render.Values;
import io.nova.platform.k8s.render.WorkloadQueueLabels;

/**
 * JupyterHub (zero-to-jupyterhub chart):
 * <ul>
 *   <li>login through the platform's provider with GenericOAuthenticator: the browser goes to the provider's UI
 *   authorize page, the hub calls its token and userinfo endpoints; the tenant's owner and member groups may log in,
 *   owner groups are JupyterHub admins; the client id and secret come from {@code nova-oidc-jupyterhub}.</li>
 *   <li>notebook profiles: a CPU profile and one per GPU pool the tenant has quota on, with a choice of 1 up to the
 *   tenant's limit of the pool's resource, and the pool's toleration and node affinity; where the cluster runs Kueue,
 *   GPU notebooks are interactive workloads of the tenant's queue (a notebook waits while its GPUs are in use);</li>
 *   <li>{@code MLFLOW_TRACKING_URI} in every notebook when the tenant has MLflow;</li>
 *   <li>nothing cluster-wide or privileged: the charts' NetworkPolicies off (the platform renders the tenant's), no
 *   user scheduler (a ClusterRole) or image pullers (a DaemonSet on every node), no iptables init container (the
 *   tenant's egress policy blocks the cloud metadata address instead), the hub's ServiceAccount named {@code hub}.</li>
 * </ul>
 */
final class JupyterHubValues implements ToolValues {

    /** The most GPU counts a profile offers; a larger limit offers powers of two up to it. */
    private static final int MAX_CHOICES = 8;

    @Override
    public String module() {
        return "jupyterhub";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        Map<String, Object> values = Values.merge(
                Values.at("hub.networkPolicy.enabled", false),
                Values.at("proxy.chp.networkPolicy.enabled", false),
                Values.at("proxy.traefik.networkPolicy.enabled", false),
                Values.at("singleuser.networkPolicy.enabled", false),
                Values.at("singleuser.cloudMetadata.blockWithIptables", false),
                Values.at("hub.serviceAccount", Map.of("create", true, "name", "hub")),
                Values.at("rbac.create", true),
                Values.at("scheduling.userScheduler.enabled", false),
                Values.at("prePuller.hook.enabled", false),
                Values.at("prePuller.continuous.enabled", false));
        if (context.enabled("mlflow")) {
            values = Values.merge(values, Values.at("singleuser.extraEnv.MLFLOW_TRACKING_URI",
                    context.serviceUrl("mlflow", 80)));
        }
        if (context.signsOn() && context.tenant() != null) {
            values = Values.merge(values, signOn(context));
        }
        if (context.tenant() != null && !context.tenant().gpus().isEmpty()) {
            values = Values.merge(values, Values.at("singleuser.profileList", profiles(context.tenant())));
        }
        return values;
    }

    private static Map<String, Object> signOn(ToolContext context) {
        SignOnEndpoints provider = context.signOn();
        var authenticator = new LinkedHashMap<String, Object>();
        authenticator.put("oauth_callback_url", context.redirectUri());
        authenticator.put("authorize_url", provider.authorize());
        authenticator.put("token_url", provider.token());
        authenticator.put("userdata_url", provider.userinfo());
        authenticator.put("scope", List.of("openid", "groups"));
        authenticator.put("username_claim", "sub");
        // OAuthenticator 16+ reads groups from the auth state (claim_groups_key is deprecated there)
        authenticator.put("auth_state_groups_key", "oauth_user.groups");
        authenticator.put("allowed_groups", context.tenant().allGroups());
        authenticator.put("admin_groups", context.tenant().ownerGroups());
        authenticator.put("login_service", "Nova");
        var env = new LinkedHashMap<String, Object>();
        env.put("OAUTH_CLIENT_ID", ToolContext.secretKeyRef(context.oidcSecret(), ToolContext.CLIENT_ID_KEY));
        env.put("OAUTH_CLIENT_SECRET", ToolContext.secretKeyRef(context.oidcSecret(), ToolContext.CLIENT_SECRET_KEY));
        return Values.merge(
                Values.at("hub.config", Map.of("JupyterHub", Map.of("authenticator_class", "generic-oauth"),
                        "GenericOAuthenticator", authenticator)),
                Values.at("hub.extraEnv", env));
    }


    private static List<Object> profiles(ToolTenant tenant) {
        var profiles = new ArrayList<Object>();
        profiles.add(Map.of("display_name", "CPU only", "slug", "cpu", "default", true,
                "description", "A notebook without GPUs"));
        for (GpuOffer gpu : tenant.gpus()) {
            if (gpu.limit() < 1 || gpu.nodeSelector().isEmpty()) {
                continue;
            }
            var choices = new LinkedHashMap<String, Object>();
            for (long count : counts(gpu.limit())) {
                choices.put(Long.toString(count), Map.of("display_name", count == 1 ? "1 GPU" : count + " GPUs",
                        "default", count == 1,
                        "kubespawner_override", Map.of("extra_resource_limits",
                                Map.of(gpu.resource(), Long.toString(count)))));
            }
            var override = new LinkedHashMap<String, Object>();
            override.put("tolerations", gpu.tolerations());
            override.put("node_selector", new TreeMap<>(gpu.nodeSelector()));
            override.put("extra_resource_limits", Map.of(gpu.resource(), "1"));
            if (tenant.queued()) {
                override.put("extra_labels", WorkloadQueueLabels.of(WorkloadQueueLabels.WorkloadClass.INTERACTIVE));
            }
            var profile = new LinkedHashMap<String, Object>();
            profile.put("display_name", "GPU: %s (%s)".formatted(gpu.pool(), gpu.resource()));
            profile.put("slug", slug(gpu));
            profile.put("description", "%s on pool %s, up to %d".formatted(gpu.gpuModel(), gpu.pool(), gpu.limit()));
            profile.put("kubespawner_override", override);
            profile.put("profile_options", Map.of("gpus", Map.of("display_name", "GPUs", "choices", choices)));
            profiles.add(profile);
        }
        return profiles;
    }

    /** 1..limit when there are few, else powers of two and the limit itself. */
    static List<Long> counts(long limit) {
        var counts = new ArrayList<Long>();
        if (limit <= MAX_CHOICES) {
            for (long count = 1; count <= limit; count++) {
                counts.add(count);
            }
            return counts;
        }
        for (long count = 1; count < limit; count *= 2) {
            counts.add(count);
        }
        counts.add(limit);
        return counts;
    }

    private static String slug(GpuOffer gpu) {
        return (gpu.pool() + "-" + gpu.resource().replaceAll(".*/", "")).replaceAll("[^a-z0-9-]", "-");
    }
}
