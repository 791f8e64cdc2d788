package dev.backflux.benchmarks;

import dev.backflux.api.Matrix;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that the ND4J step computes what Backflux computes, so that compare-dl4j.sh compares the same
 * computation: for each compared network, a few steps from the same weights on both sides, the mean absolute
 * error of every step and every weight after the last step must agree to a relative 1e-12 (the products are
 * summed in another order, nothing else differs). Prints the largest differences and ND4J's set-up; exits 1
 * on a mismatch.
 *
 * <pre>java -cp benchmarks/target/benchmarks-dl4j.jar dev.backflux.benchmarks.Nd4jCheck [steps]</pre>
 */
public final class Nd4jCheck {

    static final double TOLERANCE = 1e-12;

    private Nd4jCheck() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        System.out.println(Nd4jNetwork.describe());
        boolean ok = true;
        for (String name : SameNetwork.COMPARED) {
            SameNetwork same = SameNetwork.of(name);
            List<TrainingStep> flux = Trainer.training(same.network(), same.data()).steps(steps)
                    .configuration(Map.of()).build().flux().collectList().block();
            Nd4jNetwork nd4j = same.nd4j();
            double errorDifference = 0;
            for (int s = 0; s < steps; s++) {
                double backflux = flux.get(s).meanAbsoluteError();
                errorDifference = Math.max(errorDifference, relative(nd4j.step(), backflux));
            }
            double weightDifference = 0;
            double[][][] weights = nd4j.weights();
            List<Matrix> expected = flux.get(steps - 1).weights();
            for (int k = 0; k < weights.length; k++) {
                for (int i = 0; i < weights[k].length; i++) {
                    for (int j = 0; j < weights[k][i].length; j++) {
                        weightDifference = Math.max(weightDifference, relative(weights[k][i][j], expected.get(k).get(i, j)));
                    }
                }
            }
            boolean same_ = errorDifference <= TOLERANCE && weightDifference <= TOLERANCE;
            ok &= same_;
            System.out.printf("%-16s %d steps: error %.9g (Backflux) %.9g (ND4J), largest relative difference:"
                            + " errors %.1e, weights %.1e  %s%n", name, steps, flux.get(steps - 1).meanAbsoluteError(),
                    nd4jLast(same, steps), errorDifference, weightDifference, same_ ? "same" : "DIFFERENT");
        }
        if (!ok) {
            System.out.println("ND4J does not compute what Backflux computes (tolerance " + TOLERANCE + ")");
            System.exit(1);
        }
    }

    private static double nd4jLast(SameNetwork same, int steps) {
        Nd4jNetwork nd4j = same.nd4j();
        double error = 0;
        for (int s = 0; s < steps; s++) {
            error = nd4j.step();
        }
        return error;
    }

    /** |a - b| relative to the larger magnitude, or absolute below 1. */
    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
