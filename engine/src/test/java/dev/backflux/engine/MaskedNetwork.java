package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;

/**
 * The network a dropout step trained, written out plainly for finite differences: its weights before the update
 * (one of them moved by {@code h}), each layer multiplied by the step's own mask, and ½Σ(y − out)².
 */
final class MaskedNetwork {

    private MaskedNetwork() {
    }

    /** The step's weights before its update, weight {@code [k][r][c]} moved by {@code h}. */
    static double[][][] shifted(TrainingStep step, int k, int r, int c, double h) {
        double[][][] weights = new double[step.layerCount() - 1][][];
        for (int m = 0; m < weights.length; m++) {
            weights[m] = step.weightsBefore(m).toArray();
        }
        weights[k][r][c] += h;
        return weights;
    }

    /** ½Σ(y − out)² of the network with these weights and activation, each layer masked as the step masked it. */
    static double loss(Activation f, TrainingStep step, TrainingData data, double[][][] weights) {
        double[][] layer = data.inputs().toArray();
        for (int k = 0; k < weights.length; k++) {
            Matrix mask = step.dropoutMask(k + 1);
            double[][] next = new double[layer.length][weights[k][0].length];
            for (int e = 0; e < layer.length; e++) {
                for (int j = 0; j < next[e].length; j++) {
                    double sum = 0;
                    for (int i = 0; i < layer[e].length; i++) {
                        sum += layer[e][i] * weights[k][i][j];
                    }
                    next[e][j] = f.apply(sum) * mask.get(e, j);
                }
            }
            layer = next;
        }
        double loss = 0;
        for (int e = 0; e < layer.length; e++) {
            for (int j = 0; j < layer[e].length; j++) {
                double error = data.targets().get(e, j) - layer[e][j];
                loss += 0.5 * error * error;
            }
        }
        return loss;
    }
}
