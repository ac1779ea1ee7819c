package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.cluster.ClusterSync;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.Test;

/** The bootstrap objects that point a cluster's Flux at its folder, checked against the upstream Flux CRDs. */
class FluxBootstrapRendererTest {

    @Test
    void a_repository_on_the_platforms_disk_is_fetched_from_the_platform_over_http_with_the_clusters_token() {
        var source = gitRepository(RenderSettings.defaults(), "file:///var/lib/nova/data/gitops");

        assertThat(source.getAdditionalProperties().get("spec")).isEqualTo(Map.of("interval", "1m",
                "url", "http://host.docker.internal:8080/git/local",
                "secretRef", Map.of("name", "nova-gitops-auth"), "ref", Map.of("branch", "main")));
        UpstreamSchemas.assertValid(source);
    }

    @Test
    void the_serve_url_is_where_the_platform_says_flux_reaches_it() {
        var source = gitRepository(RenderSettings.defaults().withGitServeUrl("https://nova.example.com/"),
                "file:///var/lib/nova/data/gitops");

        assertThat(String.valueOf(source.getAdditionalProperties().get("spec")))
                .contains("url=https://nova.example.com/git/local");
        UpstreamSchemas.assertValid(source);
    }

    @Test
    void a_remote_repository_is_fetched_from_where_it_is() {
        var source = gitRepository(RenderSettings.defaults(), "https://git.example.com/fleet.git");

        assertThat(source.getAdditionalProperties().get("spec")).isEqualTo(Map.of("interval", "1m",
                "url", "https://git.example.com/fleet.git", "ref", Map.of("branch", "main")));
        UpstreamSchemas.assertValid(source);
    }

    @Test
    void every_bootstrap_object_of_the_default_local_cluster_is_valid_against_the_flux_crds() {
        List<HasMetadata> objects = new ClusterRenderer(RenderSettings.defaults())
                .renderClusterUnit(state("file:///work/data/gitops"));

        assertThat(objects).extracting(HasMetadata::getKind).contains("GitRepository", "Kustomization");
        objects.stream().filter(o -> o.getApiVersion().contains("fluxcd.io")).forEach(UpstreamSchemas::assertValid);
        var fileSource = GenericObjects.of(GenericObjects.FLUX_SOURCE, "GitRepository", "flux-system", "nova-platform",
                Map.of(), Map.of("interval", "1m", "url", "file:///work/data/gitops", "ref", Map.of("branch", "main")));
        assertThat(UpstreamSchemas.problems(fileSource)).as("what earlier versions committed, which Flux refuses")
                .isNotEmpty();
    }

    @Test
    void a_private_repositorys_credentials_come_from_vault_through_fluxs_namespaces_secret_store() {
        var settings = RenderSettings.defaults().withOidc("https://vault.example.com/v1/identity/oidc/provider/nova",
                null);
        List<HasMetadata> objects = new ClusterRenderer(settings).renderClusterUnit(
                state("https://git.example.com/fleet.git", "clusters/local/git"));

        var source = (GenericKubernetesResource) objects.stream().filter(o -> o.getKind().equals("GitRepository"))
                .findFirst().orElseThrow();
        assertThat(String.valueOf(source.getAdditionalProperties().get("spec")))
                .contains("secretRef={name=nova-gitops-auth}");
        var external = (GenericKubernetesResource) objects.stream().filter(o -> o.getKind().equals("ExternalSecret")
                && "flux-system".equals(o.getMetadata().getNamespace())).findFirst().orElseThrow();
        assertThat(external.getMetadata().getName()).isEqualTo("nova-gitops-auth");
        assertThat(String.valueOf(external.getAdditionalProperties().get("spec")))
                .contains("dataFrom=[{extract={key=clusters/local/git}}]");
        var store = (GenericKubernetesResource) objects.stream().filter(o -> o.getKind().equals("SecretStore")
                && "flux-system".equals(o.getMetadata().getNamespace())).findFirst().orElseThrow();
        assertThat(String.valueOf(store.getAdditionalProperties().get("spec")))
                .contains("role=nova-cluster_local.gitops");
        List.of(source, external, store).forEach(UpstreamSchemas::assertValid);

        assertThat(new ClusterRenderer(settings.withVaultSecrets(false)).renderClusterUnit(
                state("https://git.example.com/fleet.git", "clusters/local/git")))
                .as("without Vault: the Secret is made by hand").noneMatch(o -> o.getKind().equals("ExternalSecret"));
    }

    private static GenericKubernetesResource gitRepository(RenderSettings settings, String url) {
        return (GenericKubernetesResource) new ClusterRenderer(settings).renderClusterUnit(state(url)).stream()
                .filter(o -> o.getKind().equals("GitRepository")).findFirst().orElseThrow();
    }

    private static DesiredState state(String url) {
        return state(url, null);
    }

    private static DesiredState state(String url, String credentialsRef) {
        var cluster = new ClusterView("local", DeliveryMode.GITOPS, null, null,
                new GitOpsTarget(url, "main", "clusters/local", credentialsRef, null),
                new ClusterSync(SyncState.PENDING, null, null, null, null), 0, Instant.EPOCH, Instant.EPOCH);
        return new DesiredState(cluster, List.of(), List.of(), List.of(), List.of());
    }
}
