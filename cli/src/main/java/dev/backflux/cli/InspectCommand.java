package dev.backflux.cli;

import dev.backflux.api.InputScaling;
import dev.backflux.api.Network;
import dev.backflux.files.NetworkFile;
import dev.backflux.files.SavedNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backflux inspect NETWORK.json}: what a saved network is. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints a saved network's layers, activation, learning rate, seed, step, dropout, input"
                + " scaling and metadata, after checking the whole file.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NETWORK.json", description = "A saved network or a checkpoint.")
    private Path saved;

    @Override
    public Integer call() throws Exception {
        SavedNetwork network = NetworkFile.read(saved);
        Network trainable = network.network();
        PrintWriter out = spec.commandLine().getOut();
        out.println("file: " + saved);
        out.println("layers: " + IntStream.of(network.layerSizes()).mapToObj(Integer::toString)
                .collect(Collectors.joining("-")));
        out.println("activation: " + network.activationPlugin()
                + (network.activationOptions().isEmpty() ? "" : " " + network.activationOptions()));
        out.println("learning rate: " + network.learningRate());
        out.println("seed: " + (network.seed().isPresent() ? network.seed().getAsLong() : "unknown"));
        out.println("step: " + (network.step().isPresent() ? network.step().getAsLong() : "unknown"));
        if (trainable.hasDropout()) {
            double[] rates = IntStream.range(0, network.layerSizes().length).mapToDouble(trainable::dropout).toArray();
            out.println("dropout: rates " + Arrays.toString(rates) + ", " + trainable.dropoutGradient()
                    + " gradient, masks' generator seed " + trainable.dropoutSeed() + " after "
                    + trainable.dropoutDraws().getAsLong() + " draws");
        } else {
            out.println("dropout: none");
        }
        InputScaling scaling = network.inputScaling().orElse(null);
        out.println("input scaling: " + (scaling == null ? "none"
                : "min " + Arrays.toString(scaling.min()) + ", max " + Arrays.toString(scaling.max())));
        network.metadata().forEach((key, value) -> out.println("metadata " + key + ": " + value));
        out.flush();
        return 0;
    }
}
