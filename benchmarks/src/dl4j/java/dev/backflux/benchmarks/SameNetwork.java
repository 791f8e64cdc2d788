package dev.backflux.benchmarks;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.util.Map;

/**
 * One of the compared networks, with everything both sides start from: the data, the learning rate and
 * Backflux's initial weights (numpy's seed 1 draw), so that ND4J computes the same steps as Backflux.
 *
 * <p>{@code tutorial} is the tutorial's 3-4-1 network on its four examples with learning rate 1, as
 * {@code TutorialBenchmark}; a shape such as {@code 4096x784-256-10} is {@code WideNetworkBenchmark}'s network
 * on {@link Shapes#randomData} with learning rate 0.01.
 */
record SameNetwork(String name, TrainingData data, double learningRate, double[][][] weights) {

    /** The shapes compared by benchmarks/compare-dl4j.sh. */
    static final String[] COMPARED = {"tutorial", "4096x784-256-10", "1024x64-64-64-1"};

    static SameNetwork of(String name) {
        TrainingData data;
        double learningRate;
        int[] sizes;
        if (name.equals("tutorial")) {
            data = TrainingData.of(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
                    new double[][] {{0}, {1}, {1}, {0}});
            learningRate = 1.0;
            sizes = new int[] {3, 4, 1};
        } else {
            data = Shapes.randomData(name);
            learningRate = 0.01;
            sizes = Shapes.sizes(name);
        }
        // A step at learning rate 0 leaves the weights as they were drawn: Backflux's initial weights.
        TrainingStep first = Trainer.training(Network.builder().layerSizes(sizes).learningRate(0).build(), data)
                .steps(1).configuration(Map.of()).build().flux().blockLast();
        double[][][] weights = first.weights().stream().map(Matrix::toArray).toArray(double[][][]::new);
        return new SameNetwork(name, data, learningRate, weights);
    }

    /** The Backflux network that starts from these weights. */
    Network network() {
        int[] sizes = new int[weights.length + 1];
        for (int k = 0; k < weights.length; k++) {
            sizes[k] = weights[k].length;
            sizes[k + 1] = weights[k][0].length;
        }
        return Network.builder().layerSizes(sizes).learningRate(learningRate).weights(weights).build();
    }

    /** The same network in ND4J. */
    Nd4jNetwork nd4j() {
        return new Nd4jNetwork(data.inputs().toArray(), data.targets().toArray(), weights, learningRate);
    }

    /** The same network as a Deeplearning4j {@code MultiLayerNetwork}. */
    Dl4jNetwork dl4j() {
        return new Dl4jNetwork(data.inputs().toArray(), data.targets().toArray(), weights, learningRate);
    }
}
