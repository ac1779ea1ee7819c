package io.nova.platform.core.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Facts of models outside the catalog, from their real {@code config.json} files (Qwen2.5-7B-Instruct's and
 * Llama-3.1-8B-Instruct's as published): they must equal the catalog's entries and give the same plans.
 */
class ModelConfigFactsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModelCatalog CATALOG = ModelDeploymentPlannerTest.MODELS;

    @Test
    void qwen_7b_from_its_config_and_safetensors_index_equals_the_catalog_entry_and_plans_the_same() {
        Map<String, Object> index = Map.of("metadata", Map.of("total_size", 15231233024L));

        var read = ModelConfigFacts.read(config("Qwen2.5-7B-Instruct"), index);

        ModelFacts catalog = CATALOG.find("Qwen/Qwen2.5-7B-Instruct").orElseThrow().facts();
        assertThat(read.facts()).isEqualTo(catalog);
        assertThat(read.parametersSource()).isEqualTo("safetensors index");
        var pool = ModelDeploymentPlannerTest.pool("T4", 4, 1, "EXCLUSIVE");
        var planner = new ModelDeploymentPlanner();
        assertThat(planner.plan(request(read.facts(), pool))).usingRecursiveComparison()
                .isEqualTo(planner.plan(request(catalog, pool)));
    }

    @Test
    void without_the_index_the_parameters_come_exactly_from_the_architecture() {
        assertThat(ModelConfigFacts.read(config("Qwen2.5-7B-Instruct"), null).facts())
                .isEqualTo(CATALOG.find("Qwen/Qwen2.5-7B-Instruct").orElseThrow().facts());
        var llama = ModelConfigFacts.read(config("Llama-3.1-8B-Instruct"), null);
        assertThat(llama.facts()).isEqualTo(CATALOG.find("meta-llama/Llama-3.1-8B-Instruct").orElseThrow().facts());
        assertThat(llama.parametersSource()).isEqualTo("architecture");
    }

    @Test
    void a_quantised_checkpoint_names_its_precision() {
        var awq = new HashMap<>(config("Qwen2.5-7B-Instruct"));
        awq.put("quantization_config", Map.of("quant_method", "awq", "bits", 4, "group_size", 128));

        var read = ModelConfigFacts.read(awq, Map.of("metadata", Map.of("total_size", 5_500_000_000L)));

        assertThat(read.quantization()).isEqualTo(Precision.INT4_AWQ);
        assertThat(read.parametersSource()).as("a quantised index does not count parameters").isEqualTo("architecture");
        assertThat(read.facts().parameters()).isEqualTo(7_615_616_512L);
    }

    @Test
    void missing_or_wrong_fields_are_named() {
        var broken = new HashMap<>(config("Qwen2.5-7B-Instruct"));
        broken.remove("num_hidden_layers");
        broken.put("vocab_size", "many");

        assertThatThrownBy(() -> ModelConfigFacts.read(broken, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("config.num_hidden_layers", "config.vocab_size"));
    }

    private static PlanRequest request(ModelFacts facts, io.nova.platform.core.gpu.PoolSnapshot pool) {
        return new PlanRequest(facts, Precision.FP16, 8192, 4, 1, null, pool, Map.of("nvidia.com/gpu", 4L),
                Map.of());
    }

    private static Map<String, Object> config(String model) {
        try (InputStream in = ModelConfigFactsTest.class.getResourceAsStream("/model-configs/%s.config.json"
                .formatted(model))) {
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
