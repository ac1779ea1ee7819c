package io.nova.platform.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerPartitionTest {

    @Test
    void gives_the_end_stages_fewer_layers_when_they_also_hold_the_embeddings() {
        // one embedding matrix weighs as much as 2.5 layers
        assertThat(LayerPartition.balanced(48, 4, 1.0, 2.5)).containsExactly(11, 13, 13, 11);
    }

    @Test
    void keeps_every_layer_and_at_least_one_per_stage() {
        for (int stages = 1; stages <= 8; stages++) {
            var partition = LayerPartition.balanced(28, stages, 0.43, 1.02);
            assertThat(partition).hasSize(stages).allSatisfy(layers -> assertThat(layers).isPositive());
            assertThat(partition.stream().mapToInt(Integer::intValue).sum()).isEqualTo(28);
        }
    }

    @Test
    void splits_evenly_without_embeddings() {
        assertThat(LayerPartition.balanced(32, 4, 1.0, 0)).containsExactly(8, 8, 8, 8);
        assertThat(LayerPartition.even(LayerPartition.balanced(32, 4, 1.0, 0))).isTrue();
    }
}
