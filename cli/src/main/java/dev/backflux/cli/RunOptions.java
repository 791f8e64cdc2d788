package dev.backflux.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a run goes: steps, plugins and their options, where the network is saved and checkpointed. */
final class RunOptions {

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10000",
            description = "Full-batch steps to compute (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--plugins", paramLabel = "ID", split = ",",
            description = "Plugins to run, as -Dbackflux.plugins names them: logging, early-stopping, history, ...")
    List<String> plugins = new ArrayList<>();

    @Option(names = {"-o", "--option"}, paramLabel = "ID.OPTION=VALUE",
            description = "A plugin's option, as -Dbackflux.<id>.<option> names it, for example"
                    + " early-stopping.patience=500; the backflux. prefix may be given.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--save", paramLabel = "FILE", description = "Save the last step's network to this JSON file.")
    Path save;

    @Option(names = "--save-npz", paramLabel = "FILE",
            description = "Save the last step's weights as numpy's .npz too: np.load(FILE)[\"syn0\"], [\"syn1\"], ...")
    Path saveNpz;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Checkpoint into this directory (the checkpoint plugin), every --checkpoint-every steps"
                    + " and at the end.")
    Path checkpointDirectory;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Steps between checkpoints, with --checkpoint-dir (default: 1000).")
    Long checkpointEvery;

    @Option(names = "--no-progress", description = "No progress bar or progress lines on standard error.")
    boolean noProgress;

    /**
     * The run's plugin configuration, as the system properties would give it.
     *
     * @throws IllegalArgumentException if --checkpoint-every is given without --checkpoint-dir
     */
    Map<String, String> configuration() {
        if (checkpointEvery != null && checkpointDirectory == null) {
            throw new IllegalArgumentException("--checkpoint-every: expected --checkpoint-dir too, actual none: where"
                    + " would the checkpoints go?");
        }
        List<String> selected = new ArrayList<>(plugins);
        if (!noProgress && !selected.contains("progress")) {
            selected.add("progress");
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        if (checkpointDirectory != null) {
            selected.remove("checkpoint");
            selected.add("checkpoint");
            configuration.put("backflux.checkpoint.directory", checkpointDirectory.toString());
            configuration.put("backflux.checkpoint.every", Long.toString(checkpointEvery == null ? 1000
                    : checkpointEvery));
        }
        configuration.put("backflux.plugins", String.join(",", selected));
        options.forEach((key, value) -> configuration.put(key.startsWith("backflux.") ? key : "backflux." + key,
                value));
        return configuration;
    }
}
