package io.nova.platform.app.api.cluster;

import io.nova.platform.core.cluster.GitReadAccess;
import io.nova.platform.core.cluster.IssuedGitToken;
import io.nova.platform.k8s.render.FluxBootstrapRenderer;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.RenderSettings;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterSpec;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.desired.ClusterOperations;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "Kubernetes clusters and how desired state reaches them")
class ClusterController {

    private final ClusterService clusters;
    private final ClusterOperations delivery;
    private final GitReadAccess gitAccess;
    private final RenderSettings rendering;

    ClusterController(ClusterService clusters, ClusterOperations delivery, GitReadAccess gitAccess,
                      ClusterRenderer renderer) {
        this.clusters = clusters;
        this.delivery = delivery;
        this.gitAccess = gitAccess;
        this.rendering = renderer.settings();
    }

    @PostMapping("/{name}/git-read-token")
    @Operation(summary = "Issue the token the cluster's Flux reads the platform's local repository with",
            description = "Admins only. The token is in this answer and nowhere else (the platform keeps its hash); "
                    + "the token issued before stops working. 409 when the cluster's repository is not one the "
                    + "platform keeps.")
    ResponseEntity<GitReadTokenView> issueGitReadToken(@PathVariable String name) {
        IssuedGitToken issued = gitAccess.issue(name);
        String url = FluxBootstrapRenderer.servedUrl(rendering, name);
        return ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(new GitReadTokenView(name, url, issued.username(), issued.token(),
                        ("flux create secret git %s --namespace=flux-system --url=%s --username=%s --password=%s")
                                .formatted(FluxBootstrapRenderer.GIT_READ_SECRET, url, issued.username(),
                                        issued.token())));
    }

    @GetMapping
    @Operation(summary = "List clusters, sorted by name")
    PageResult<ClusterView> list(@RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return clusters.list(Paging.of(page, size));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Read a cluster; the ETag is its resourceVersion")
    ResponseEntity<ClusterView> get(@PathVariable String name) {
        ClusterView view = clusters.get(name);
        return ETags.ok(view, view.resourceVersion());
    }

    @PostMapping
    @Operation(summary = "Register a cluster", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = {
                    @ExampleObject(name = "gitops", value = ApiExamples.CLUSTER_GITOPS),
                    @ExampleObject(name = "direct", value = ApiExamples.CLUSTER_DIRECT)})))
    ResponseEntity<ClusterView> create(@RequestBody ClusterSpec spec) {
        ClusterView view = clusters.create(spec);
        return ETags.created(view, view.resourceVersion(), view.name());
    }

    @PutMapping("/{name}")
    @Operation(summary = "Replace a cluster's settings (If-Match optional, 412 when stale)")
    ResponseEntity<ClusterView> update(@PathVariable String name, @RequestBody ClusterSpec spec,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ClusterView view = clusters.update(name, spec, ETags.expectedVersion(ifMatch));
        return ETags.ok(view, view.resourceVersion());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Remove a cluster; 409 while pools, tenants or cluster modules use it")
    ResponseEntity<Void> delete(@PathVariable String name,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        clusters.delete(name, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/plan")
    @Operation(summary = "What a reconcile would create, change and delete now (objects and YAML diffs); "
            + "changes nothing")
    DeliveryOutcome plan(@PathVariable String name) {
        return delivery.plan(name);
    }

    @PostMapping("/{name}/reconcile")
    @Operation(summary = "Reconcile the cluster now and return what was delivered; the result is also recorded in "
            + "the cluster's sync state. With changesOnly=true only what changed since the last reconcile is "
            + "delivered (the path of a change); otherwise a batch of unchanged tenants is also checked for drift")
    DeliveryOutcome reconcile(@PathVariable String name,
                              @RequestParam(name = "changesOnly", defaultValue = "false") boolean changesOnly) {
        return changesOnly ? delivery.deliverChanges(name) : delivery.reconcile(name);
    }
}
