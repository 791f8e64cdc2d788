package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Trains the three-layer XOR network until this module's own {@code all-correct} plugin stops it. */
@Command(name = "custom-plugin",
        description = "Trains the XOR network until the examples' own all-correct plugin stops it, and says why.")
final class CustomPlugin implements Runnable, OptionFree {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    @Override
    public void print(PrintWriter out) {
        TrainingResult result = Trainer.training(Network.of(3, 4, 1), TutorialData.XOR)
                .steps(60_000)
                .plugin("all-correct", Map.of("threshold", 0.5))
                .build()
                .result()
                .block();
        TrainingStep last = result.lastStep().orElseThrow();
        out.println("Training " + result.reason() + " by " + result.stoppedBy().orElse("nobody") + ": "
                + result.condition());
        out.println("Steps run: " + result.stepsRun() + " of 60000; error " + last.meanAbsoluteError());
        out.println("Outputs at that step:");
        for (double[] row : last.output().toArray()) {
            out.println(row[0]);
        }
        out.flush();
    }
}
