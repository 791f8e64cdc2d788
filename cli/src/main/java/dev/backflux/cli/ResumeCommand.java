package dev.backflux.cli;

import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.files.CsvData;
import dev.backflux.files.NetworkFile;
import dev.backflux.files.SavedNetwork;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backflux resume NETWORK.json DATA.csv}: goes on training a saved network or checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Goes on training a saved network or a checkpoint where its run stopped: its steps are"
                + " numbered on from the saved step, and a run with the same data and options computes the very"
                + " steps the uninterrupted run would have (dropout masks included). A saved input scaling is"
                + " applied to the data as it was.", "",
                "Example: backflux resume checkpoints/checkpoint-000000009999.json data/iris.csv --skip-rows 1"
                        + " --no-header --one-hot --shuffle 7 --validation 0.2 --steps 10000 --save resumed.json"})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NETWORK.json", description = "A saved network or a checkpoint.")
    private Path saved;

    @Parameters(index = "1", paramLabel = "DATA.csv", description = "The training data.")
    private Path data;

    @Mixin
    private CsvFormatOptions format;

    @Mixin
    private CsvDataOptions rows;

    @Mixin
    private RunOptions run;

    @Override
    public Integer call() throws Exception {
        SavedNetwork network = NetworkFile.read(saved);
        if (rows.scale && network.inputScaling().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--scale: expected a saved network trained on scaled"
                    + " data, actual " + saved + ", which records no scaling");
        }
        CsvData csv = Commands.read(spec, data, format, rows, network.inputScaling().orElse(null));
        long next = network.step().orElse(-1L) + 1;
        Training training;
        try {
            training = Trainer.training(network.network(), csv.trainingData()).firstStep(next).steps(run.steps)
                    .configuration(run.configuration()).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Commands.usageError(spec, e);
        }
        spec.commandLine().getOut().println("resuming " + saved + " at step " + next);
        return Runner.run(training, run, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
