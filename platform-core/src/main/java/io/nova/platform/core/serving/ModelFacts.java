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
 * @param vocabSize      {@code vocab_size}; optional: without it the planner cannot keep the embeddings 16-bit in
 *                       quantised checkpoints nor place them on the first and last pipeline stage
 * @param tiedEmbeddings {@code tie_word_embeddings}: input embeddings and LM head share one matrix
 */
public record ModelFacts(Long parameters, Integer layers, Integer attentionHeads, Integer kvHeads, Integer headDim,
                         Integer maxContext, Integer vocabSize, Boolean tiedEmbeddings) {

    /** Parameters of one vocab × hidden matrix (input embeddings or LM head); 0 when the vocabulary is unknown. */
    public long embeddingMatrixParameters() {
        return vocabSize == null ? 0 : (long) vocabSize * attentionHeads * headDim;
    }

    /** Parameters of the input embeddings and the LM head together. */
    public long embeddingParameters() {
        return embeddingMatrixParameters() * (Boolean.TRUE.equals(tiedEmbeddings) ? 1 : 2);
    }
}
