package io.nova.platform.app.api;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** List endpoints run a fixed number of queries however many rows the page holds (no N+1). */
class ListQueryCountTest extends ApiTest {

    @Test
    void listing_a_tenants_quotas_and_modules_costs_the_same_for_one_row_as_for_many() {
        String cluster = unique("counted");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(cluster)));
        String small = tenantWithQuotas(cluster, 1);
        String large = tenantWithQuotas(cluster, 12);

        long one = statementsDuring(() -> api.get("/tenants/%s/gpu-quotas".formatted(small)));
        long many = statementsDuring(() -> api.get("/tenants/%s/gpu-quotas".formatted(large)));
        assertThat(many).isEqualTo(one);

        long oneModule = statementsDuring(() -> api.get("/tenants/%s/modules".formatted(small)));
        long manyModules = statementsDuring(() -> api.get("/tenants/%s/modules".formatted(large)));
        assertThat(manyModules).isEqualTo(oneModule);

        long pools = statementsDuring(() -> api.get("/gpu-pools?cluster=" + cluster));
        long tenants = statementsDuring(() -> api.get("/tenants?cluster=" + cluster));
        assertThat(pools).isLessThanOrEqualTo(3);
        assertThat(tenants).isLessThanOrEqualTo(3);
    }

    @Test
    void reading_one_tenant_costs_one_statement() {
        String cluster = unique("statements");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(cluster)));
        String slug = tenantWithQuotas(cluster, 3);

        assertThat(statementsDuring(() -> assertThat(api.get("/tenants/" + slug).status()).isEqualTo(200)))
                .isLessThanOrEqualTo(1);
        assertThat(statementsDuring(() -> assertThat(api.get("/tenants/" + slug).status()).isEqualTo(200)))
                .as("read again at once: from the short-lived copy").isZero();
        assertThat(api.put("/tenants/" + slug, json("{'displayName': 'Renamed'}")).status()).isEqualTo(200);
        assertThat(api.get("/tenants/" + slug).text("displayName")).as("a change is seen at once").isEqualTo("Renamed");
        assertThat(statementsDuring(() -> api.get("/tenants/%s/modules/jupyterhub".formatted(slug))))
                .isLessThanOrEqualTo(3);
    }

    private String tenantWithQuotas(String cluster, int count) {
        String slug = unique("counted");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Counted', 'cluster': '%s'}".formatted(slug, cluster)));
        for (int i = 0; i < count; i++) {
            String pool = unique("counted");
            api.post("/gpu-pools", json("""
                    {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 2,
                     'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
            assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(slug, pool), json("{'guaranteed': 1}")).status())
                    .isEqualTo(201);
        }
        String[] modules = count > 1 ? new String[] {"jupyterhub", "airflow", "kuberay", "code-server"}
                : new String[] {"jupyterhub"};
        if (count > 1) {
            // KubeRay is a cluster component that tenants use
            api.put("/cluster-modules/%s/kuberay-operator".formatted(cluster), json("{'enabled': true}"));
        }
        for (String module : modules) {
            api.put("/tenants/%s/modules/%s".formatted(slug, module), json("{'enabled': true}"));
        }
        return slug;
    }
}
