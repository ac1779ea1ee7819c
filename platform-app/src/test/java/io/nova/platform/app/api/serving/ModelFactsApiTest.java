package io.nova.platform.app.api.serving;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * A model outside the catalog, described by its config.json over REST: the facts come back, and a deployment that
 * gives them is planned exactly like the catalog's own entry for the same model. PostgreSQL and HTTP are real.
 */
class ModelFactsApiTest extends ApiTest {

    private static final String QWEN_CONFIG = """
            {"config": {"architectures": ["Qwen2ForCausalLM"], "hidden_size": 3584, "intermediate_size": 18944,
             "max_position_embeddings": 32768, "model_type": "qwen2", "num_attention_heads": 28,
             "num_hidden_layers": 28, "num_key_value_heads": 4, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16", "vocab_size": 152064},
             "safetensorsIndex": {"metadata": {"total_size": 15231233024}}}""";

    @Test
    void facts_from_a_config_plan_like_the_catalog_entry_of_the_same_model() {
        var facts = api.post("/model-facts", QWEN_CONFIG);
        assertThat(facts.status()).as(facts.toString()).isEqualTo(200);
        assertThat(facts.body().path("facts").path("parameters").asLong()).isEqualTo(7_615_616_512L);
        assertThat(facts.body().path("parametersSource").asString()).isEqualTo("safetensors index");

        String pool = unique("t4");
        String team = unique("facts");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'F'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 4, 'limit': 4}"));
        String fromConfig = "{\"name\": \"mine\", \"model\": \"acme/qwen-finetune\", \"precision\": \"FP16\", "
                + "\"pool\": \"%s\", \"facts\": %s}".formatted(pool, facts.body().path("facts"));
        String fromCatalog = json("{'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', "
                + "'pool': '%s'}".formatted(pool));

        var mine = api.post("/tenants/%s/model-deployments/plan".formatted(team), fromConfig).body();
        var catalog = api.post("/tenants/%s/model-deployments/plan".formatted(team), fromCatalog).body();
        assertThat(mine.path("feasible").asBoolean()).as(mine.toString()).isTrue();
        assertThat(mine.path("memory")).isEqualTo(catalog.path("memory"));
        assertThat(mine.path("gpusTotal")).isEqualTo(catalog.path("gpusTotal"));
    }

    @Test
    void a_config_without_its_layers_is_a_422_naming_the_field() {
        var response = api.post("/model-facts", json("{'config': {'hidden_size': 4096, 'num_attention_heads': 32, "
                + "'max_position_embeddings': 8192, 'vocab_size': 32000}}"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("config.num_hidden_layers");
    }
}
