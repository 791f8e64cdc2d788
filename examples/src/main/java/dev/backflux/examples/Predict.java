package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Trains the three-layer XOR network, then uses it on the inputs it saw and on inputs it never saw. */
@Command(name = "predict",
        description = "Trains the three-layer XOR network, then predicts inputs it saw and inputs it never saw.")
final class Predict implements Runnable, OptionFree {

    /** Noisy versions of the training inputs: the network never saw them. */
    static final double[][] UNSEEN = {{0.9, 0.1, 1}, {0.1, 0.8, 1}, {0.95, 0.9, 1}, {0.5, 0.5, 1}};

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    @Override
    public void print(PrintWriter out) {
        TrainedNetwork network = Trainer.train(Network.of(3, 4, 1), TutorialData.XOR, 60_000)
                .blockLast()
                .network();
        out.println("Inputs it trained on:");
        for (double[] input : TutorialData.INPUTS) {
            print(out, input, network.predict(input));
        }
        out.println("Inputs it never saw:");
        for (double[] input : UNSEEN) {
            print(out, input, network.predict(input));
        }
        out.flush();
    }

    private static void print(PrintWriter out, double[] input, double[] output) {
        out.printf("  %-18s -> %.6f%n", Arrays.toString(input), output[0]);
    }
}
