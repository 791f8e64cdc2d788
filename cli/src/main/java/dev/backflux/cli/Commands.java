package dev.backflux.cli;

import dev.backflux.api.InputScaling;
import dev.backflux.files.CsvData;
import dev.backflux.files.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the commands share: reading training data with the options given. */
final class Commands {

    private Commands() {
    }

    /**
     * Reads training data; a setting the reader refuses is a usage error, a bad file a failure.
     *
     * @param scaling bounds to scale with instead of the data's own (a resumed run's), or null
     */
    static CsvData read(CommandSpec spec, Path data, CsvFormatOptions format, CsvDataOptions rows,
            InputScaling scaling) throws IOException {
        CsvReader reader;
        try {
            CsvReader.Builder builder = rows.applyTo(format.reader());
            if (scaling != null) {
                builder.scale(scaling);
            }
            reader = builder.build();
        } catch (IllegalArgumentException e) {
            throw usageError(spec, e);
        }
        return reader.read(data);
    }

    /** A setting the library refused, as the usage error (exit code 2) that names the command's option. */
    static ParameterException usageError(CommandSpec spec, RuntimeException refused) {
        return new ParameterException(spec.commandLine(), optionNames(refused.getMessage()), refused);
    }

    /** A library message about a setting, named as the command's option: "validation: ..." becomes "--validation: ...". */
    private static String optionNames(String message) {
        String[][] names = {{"validation", "--validation"}, {"skipRows", "--skip-rows"}, {"delimiter", "--delimiter"},
                {"targets", "--target"}, {"oneHot", "--one-hot"}, {"steps", "--steps"},
                {"learningRate", "--learning-rate"}, {"seed", "--seed"}, {"layerSizes", "--hidden"},
                {"firstStep", "the saved step"}};
        for (String[] name : names) {
            if (message.startsWith(name[0] + ": ") || message.startsWith(name[0] + "[")) {
                return name[1] + message.substring(name[0].length());
            }
        }
        return message;
    }
}
