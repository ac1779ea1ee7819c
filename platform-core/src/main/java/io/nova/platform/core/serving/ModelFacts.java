package io.nova.platform.core.serving;

/**
 * What the planner needs to know about a transformer model, as its {@code config.json} states it.
 *
 * @param parameters     all parameters, embeddings included
 * @param layers         {@code num_hidden_layers}
 * @param attentionHeads {@code num_attention_heads}
 * @param kvHeads        {@code num_key_value_heads} (equal to attentionHeads without grouped-query attention)
 * @param headDim        {@code hidden_size / num_attention_heads}
 * @param maxContext     {@code max_position_embeddings}
 */
public record ModelFacts(Long parameters, Integer layers, Integer attentionHeads, Integer kvHeads, Integer headDim,
                         Integer maxContext) {
}
