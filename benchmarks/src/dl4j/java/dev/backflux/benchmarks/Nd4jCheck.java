package dev.backflux.benchmarks;

import dev.backflux.api.Matrix;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that ND4J ({@link Nd4jNetwork}) and Deeplearning4j ({@link Dl4jNetwork}) compute what Backflux computes,
 * so that compare-dl4j.sh compares the same computation: for each compared network, a few steps from the same
 * weights on all sides; every step's mean absolute error (ND4J) and every weight after the last step (ND4J and
 * DL4J) must agree with Backflux's to 1e-12 (relative, absolute below 1). The products are summed in other
 * orders, nothing else differs; over many steps of the wide network those last-bit differences grow (about
 * 1e-10 after 20 steps), hence few steps. Prints the largest differences and ND4J's set-up; exits 1 on a mismatch.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks-dl4j.jar \
 *     dev.backflux.benchmarks.Nd4jCheck [steps]
 * </pre>
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
            List<Matrix> expected = flux.get(steps - 1).weights();
            Nd4jNetwork nd4j = same.nd4j();
            Dl4jNetwork dl4j = same.dl4j();
            double errors = 0;
            double nd4jError = 0;
            for (int s = 0; s < steps; s++) {
                nd4jError = nd4j.step();
                errors = Math.max(errors, relative(nd4jError, flux.get(s).meanAbsoluteError()));
                dl4j.step();
            }
            double nd4jWeights = largestDifference(nd4j.weights(), expected);
            double dl4jWeights = largestDifference(dl4j.weights(), expected);
            boolean same_ = errors <= TOLERANCE && nd4jWeights <= TOLERANCE && dl4jWeights <= TOLERANCE;
            ok &= same_;
            System.out.printf("%-16s %d steps: error %.9g (Backflux) %.9g (ND4J); largest relative difference from"
                            + " Backflux: ND4J errors %.1e, weights %.1e; DL4J weights %.1e  %s%n", name, steps,
                    flux.get(steps - 1).meanAbsoluteError(), nd4jError, errors, nd4jWeights, dl4jWeights,
                    same_ ? "same" : "DIFFERENT");
        }
        if (!ok) {
            System.out.println("ND4J or DL4J does not compute what Backflux computes (tolerance " + TOLERANCE + ")");
            System.exit(1);
        }
    }

    private static double largestDifference(double[][][] weights, List<Matrix> expected) {
        double largest = 0;
        for (int k = 0; k < weights.length; k++) {
            for (int i = 0; i < weights[k].length; i++) {
                for (int j = 0; j < weights[k][i].length; j++) {
                    largest = Math.max(largest, relative(weights[k][i][j], expected.get(k).get(i, j)));
                }
            }
        }
        return largest;
    }

    /** |a - b| relative to the larger magnitude, or absolute below 1. */
    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
