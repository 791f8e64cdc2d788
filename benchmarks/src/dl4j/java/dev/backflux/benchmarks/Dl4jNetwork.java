package dev.backflux.benchmarks;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The same network as a Deeplearning4j user would build it: a {@code MultiLayerNetwork} of dense sigmoid layers
 * without biases (the tutorial has none), double precision, plain SGD on the whole batch ({@code miniBatch(false)}:
 * the gradient is not divided by the number of examples). The loss is L2, the sum of squared errors, whose
 * gradient {@code 2 (out - y)} is twice the tutorial's: at half the learning rate, one {@code fit} is the
 * tutorial's step (multiplying by 2 and by 1/2 is exact, so the products are the same too).
 */
final class Dl4jNetwork {

    private final MultiLayerNetwork network;
    private final DataSet batch;
    private final int n;

    Dl4jNetwork(double[][] inputs, double[][] targets, double[][][] weights, double learningRate) {
        n = weights.length;
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .miniBatch(false)
                .updater(new Sgd(learningRate / 2))
                .list();
        for (int k = 0; k < n; k++) {
            int in = weights[k].length;
            int out = weights[k][0].length;
            layers.layer(k == n - 1
                    ? new OutputLayer.Builder(LossFunctions.LossFunction.L2).nIn(in).nOut(out)
                            .activation(Activation.SIGMOID).hasBias(false).build()
                    : new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.SIGMOID).hasBias(false).build());
        }
        MultiLayerConfiguration configuration = layers.build();
        network = new MultiLayerNetwork(configuration);
        network.init();
        for (int k = 0; k < n; k++) {
            network.setParam(k + "_W", Nd4j.create(weights[k]));
        }
        batch = new DataSet(Nd4j.create(inputs), Nd4j.create(targets));
    }

    /** One full-batch step: {@code fit} on the whole data set once. */
    void step() {
        network.fit(batch);
    }

    /** The network's output for the whole data set, with the weights now. */
    double[][] output() {
        return network.output(batch.getFeatures()).toDoubleMatrix();
    }

    /** The weights now, {@code [k][row][column]}. */
    double[][][] weights() {
        double[][][] copies = new double[n][][];
        for (int k = 0; k < n; k++) {
            copies[k] = network.getParam(k + "_W").toDoubleMatrix();
        }
        return copies;
    }
}
