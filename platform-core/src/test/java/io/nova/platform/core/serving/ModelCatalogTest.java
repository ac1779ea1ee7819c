package io.nova.platform.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.load();

    @Test
    void knows_the_qwen_models_of_the_four_t4_story_by_their_hugging_face_ids() {
        assertThat(catalog.find("Qwen/Qwen2.5-7B-Instruct")).get()
                .satisfies(m -> assertThat(m.facts()).isEqualTo(new ModelFacts(7_615_616_512L, 28, 28, 4, 128, 32768,
                        152064, false)));
        assertThat(catalog.find("qwen/qwen2.5-coder-14b-instruct")).get()
                .satisfies(m -> assertThat(m.layers()).isEqualTo(48));
    }

    @Test
    void a_quantised_variant_has_the_facts_of_the_model_it_was_made_from() {
        assertThat(catalog.find("Qwen/Qwen2.5-7B-Instruct-AWQ")).get()
                .satisfies(m -> assertThat(m.id()).isEqualTo("Qwen/Qwen2.5-7B-Instruct"));
        assertThat(catalog.find("Qwen/Qwen2.5-14B-Instruct-GPTQ-Int4")).isPresent();
        assertThat(catalog.find("someone/unknown-model")).isEmpty();
    }

    @Test
    void the_embeddings_agree_with_the_non_embedding_counts_of_the_model_cards() {
        var qwen7b = catalog.find("Qwen/Qwen2.5-7B-Instruct").orElseThrow().facts();
        assertThat(qwen7b.parameters() - qwen7b.embeddingParameters()).isBetween(6_520_000_000L, 6_540_000_000L);
        var qwen05b = catalog.find("Qwen/Qwen2.5-0.5B-Instruct").orElseThrow().facts();
        assertThat(qwen05b.parameters() - qwen05b.embeddingParameters()).isBetween(355_000_000L, 365_000_000L);
    }

    @Test
    void every_model_has_heads_that_group_evenly() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(13)
                .allSatisfy(m -> assertThat(m.attentionHeads() % m.kvHeads()).isZero());
    }
}
