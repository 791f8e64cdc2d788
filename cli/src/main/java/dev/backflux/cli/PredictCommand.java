package dev.backflux.cli;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.files.CsvReader;
import dev.backflux.files.NetworkFile;
import dev.backflux.files.SavedNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backflux predict NETWORK.json INPUTS.csv}: a saved network's outputs for each row, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Writes a saved network's outputs for each row of a CSV file to standard output, one CSV"
                + " line per row, each number as Java writes a double (it reads back exactly). Every column is an"
                + " input, except those given with --target (so that the training file itself can be used). Raw"
                + " values: a saved input scaling is applied.", "",
                "Example: backflux predict iris.json data/iris.csv --skip-rows 1 --no-header --target 4"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NETWORK.json", description = "A saved network or a checkpoint.")
    private Path saved;

    @Parameters(index = "1", paramLabel = "INPUTS.csv", description = "One example a row.")
    private Path inputs;

    @Mixin
    private CsvFormatOptions format;

    @Override
    public Integer call() throws Exception {
        SavedNetwork network = NetworkFile.read(saved);
        CsvReader reader;
        try {
            reader = format.reader().build();
        } catch (IllegalArgumentException e) {
            throw Commands.usageError(spec, e);
        }
        Matrix rows = reader.readInputs(inputs);
        int expected = network.layerSizes()[0];
        if (rows.columns() != expected) {
            throw new IllegalArgumentException(inputs + ": expected " + expected + " input columns (the network's"
                    + " input layer), actual " + rows.columns() + (format.targets == null
                    ? "; give the columns that are not inputs with --target" : ""));
        }
        TrainedNetwork trained = network.trained();
        Matrix outputs = trained.predict(rows.toArray());
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < outputs.rows(); r++) {
            line.setLength(0);
            for (int c = 0; c < outputs.columns(); c++) {
                line.append(c == 0 ? "" : ",").append(outputs.get(r, c));
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
