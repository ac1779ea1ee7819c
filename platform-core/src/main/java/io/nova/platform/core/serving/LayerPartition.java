package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * Layers per pipeline stage so that the largest stage is as small as it can be, when the first stage also holds the
 * input embeddings and the last the LM head: the end stages take fewer layers. vLLM reads the result from
 * {@code VLLM_PP_LAYER_PARTITION}.
 */
final class LayerPartition {

    private LayerPartition() {
    }

    /**
     * @param perLayer what one layer costs on a GPU (weights and KV cache, any unit)
     * @param perEnd   what the first and the last stage carry on top (one embedding matrix each)
     */
    static List<Integer> balanced(int layers, int stages, double perLayer, double perEnd) {
        if (stages == 1) {
            return List.of(layers);
        }
        double low = 0;
        double high = layers * perLayer + perEnd;
        for (int i = 0; i < 60; i++) {
            double cap = (low + high) / 2;
            if (capacity(cap, layers, stages, perLayer, perEnd) >= layers) {
                high = cap;
            } else {
                low = cap;
            }
        }
        var counts = new ArrayList<Integer>();
        for (int stage = 0; stage < stages; stage++) {
            counts.add(maxLayers(high, stage, stages, perLayer, perEnd));
        }
        // Take the surplus from the middle stages first, one layer at a time from the fullest.
        int surplus = counts.stream().mapToInt(Integer::intValue).sum() - layers;
        while (surplus > 0) {
            int fullest = -1;
            for (int stage = 0; stage < stages; stage++) {
                if (counts.get(stage) > 1 && (fullest < 0 || need(counts.get(stage), stage, stages, perLayer, perEnd)
                        > need(counts.get(fullest), fullest, stages, perLayer, perEnd))) {
                    fullest = stage;
                }
            }
            counts.set(fullest, counts.get(fullest) - 1);
            surplus--;
        }
        return List.copyOf(counts);
    }

    static boolean even(List<Integer> partition) {
        return partition.stream().distinct().count() == 1;
    }

    private static long capacity(double cap, int layers, int stages, double perLayer, double perEnd) {
        long total = 0;
        for (int stage = 0; stage < stages; stage++) {
            int most = maxLayers(cap, stage, stages, perLayer, perEnd);
            if (most < 1) {
                return -1;
            }
            total += most;
        }
        return total;
    }

    private static int maxLayers(double cap, int stage, int stages, double perLayer, double perEnd) {
        double room = cap - (end(stage, stages) ? perEnd : 0);
        return perLayer <= 0 ? Integer.MAX_VALUE / stages : (int) Math.floor(room / perLayer + 1e-9);
    }

    private static double need(int layers, int stage, int stages, double perLayer, double perEnd) {
        return layers * perLayer + (end(stage, stages) ? perEnd : 0);
    }

    private static boolean end(int stage, int stages) {
        return stage == 0 || stage == stages - 1;
    }
}
