package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The tutorial's three-layer network on XOR: the error every 10,000 steps, then its output. */
@Command(name = "three-layer",
        description = "Part 1's three-layer network on XOR: prints the error every 10,000 steps, then its output.")
final class ThreeLayer implements Runnable, OptionFree {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    @Override
    public void print(PrintWriter out) {
        TrainingStep last = Trainer.train(Network.of(3, 4, 1), TutorialData.XOR, 60_000)
                .doOnNext(step -> {
                    if (step.step() % 10_000 == 0) {
                        out.println("Error:" + step.meanAbsoluteError());
                    }
                })
                .blockLast();
        out.println("Output After Training:");
        for (double[] row : last.output().toArray()) {
            out.println(row[0]);
        }
        out.flush();
    }
}
