package dev.backflux.benchmarks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The tutorial's full-batch step for any depth written with ND4J, in double precision, as a user of
 * Deeplearning4j who cares about speed would write it: every array allocated once, the products as BLAS calls
 * writing into them (all three as {@code Nd4j.gemm}, the weight update as one {@code gemm} with {@code beta = 1}),
 * the element-wise work in place. {@code gemm} calls OpenBLAS directly; {@code mmuli}, the usual way, goes through
 * ND4J's own matrix-multiply op, which took 1.7 times as long for the 4096 x 784 by 784 x 256 product here
 * (39 ms against 23 ms, on 2 threads). The numpy form (benchmarks/compare-numpy.sh):
 * <pre>
 * L[k+1] = sigmoid(L[k].dot(W[k]));  E = Y - L[-1]
 * for k descending: D[k] = E * (L[k+1] * (1 - L[k+1]));  E = D[k].dot(W[k].T)  (k &gt; 0)
 * W[k] += lr * L[k].T.dot(D[k])
 * </pre>
 */
final class Nd4jNetwork {

    private final int n;
    private final double learningRate;
    private final INDArray targets;
    private final INDArray[] layers;
    private final INDArray[] errors;
    private final INDArray[] deltas;
    private final INDArray[] weights;

    /**
     * @param inputs       one example a row
     * @param targets      one example a row
     * @param weights      {@code weights[k]} of shape {@code size(k) x size(k + 1)}; copied
     * @param learningRate the tutorial's alpha
     */
    Nd4jNetwork(double[][] inputs, double[][] targets, double[][][] weights, double learningRate) {
        this.n = weights.length;
        this.learningRate = learningRate;
        this.targets = Nd4j.create(targets).castTo(DataType.DOUBLE);
        this.layers = new INDArray[n + 1];
        this.errors = new INDArray[n];
        this.deltas = new INDArray[n];
        this.weights = new INDArray[n];
        int examples = inputs.length;
        layers[0] = Nd4j.create(inputs).castTo(DataType.DOUBLE);
        for (int k = 0; k < n; k++) {
            this.weights[k] = Nd4j.create(weights[k]).castTo(DataType.DOUBLE);
            int size = weights[k][0].length;
            layers[k + 1] = Nd4j.create(DataType.DOUBLE, examples, size);
            errors[k] = Nd4j.create(DataType.DOUBLE, examples, size);
            deltas[k] = Nd4j.create(DataType.DOUBLE, examples, size);
        }
    }

    /** One full-batch step; returns the mean absolute output error of its forward pass. */
    double step() {
        for (int k = 0; k < n; k++) {
            Nd4j.gemm(layers[k], weights[k], layers[k + 1], false, false, 1.0, 0.0);
            Transforms.sigmoid(layers[k + 1], false);
        }
        targets.sub(layers[n], errors[n - 1]);
        double error = errors[n - 1].ameanNumber().doubleValue();
        for (int k = n - 1; k >= 0; k--) {
            INDArray out = layers[k + 1];
            // D = E * (out * (1 - out)), in place in the delta array
            out.rsub(1.0, deltas[k]).muli(out).muli(errors[k]);
            if (k > 0) {
                Nd4j.gemm(deltas[k], weights[k], errors[k - 1], false, true, 1.0, 0.0);
            }
        }
        for (int k = 0; k < n; k++) {
            Nd4j.gemm(layers[k], deltas[k], weights[k], true, false, learningRate, 1.0);
        }
        return error;
    }

    /** The weights now, {@code [k][row][column]}. */
    double[][][] weights() {
        double[][][] copies = new double[n][][];
        for (int k = 0; k < n; k++) {
            copies[k] = weights[k].toDoubleMatrix();
        }
        return copies;
    }

    /** ND4J's backend, BLAS and threads, in one line. */
    static String describe() {
        var environment = Nd4j.getEnvironment();
        var blas = Nd4j.factory().blas();
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", BLAS " + blas.getBlasVendor() + " ("
                + blas.getMaxThreads() + " threads), " + environment.maxThreads() + " threads for its own ops,"
                + " OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
    }
}
