package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The tutorial's first network: no hidden layer, 10,000 steps, then its output. */
@Command(name = "two-layer", description = "Part 1's two-layer network: prints its output after 10,000 steps.")
final class TwoLayer implements Runnable, OptionFree {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    @Override
    public void print(PrintWriter out) {
        TrainingStep last = Trainer.train(Network.of(3, 1), TutorialData.COPY_FIRST_COLUMN, 10_000).blockLast();
        out.println("Output After Training:");
        for (double[] row : last.output().toArray()) {
            out.println(row[0]);
        }
        out.flush();
    }
}
