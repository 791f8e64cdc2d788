package dev.backflux.cli;

import dev.backflux.files.CsvReader;
import picocli.CommandLine.Option;

/** What is made of a CSV file's rows to train on: classes, shuffle, validation split, scaling. */
final class CsvDataOptions {

    @Option(names = "--one-hot", description = "Read the target column as class labels, one output per class.")
    boolean oneHot;

    @Option(names = "--shuffle", paramLabel = "SEED", description = "Shuffle the rows with this seed first.")
    Long shuffle;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0",
            description = "Keep this fraction of the rows, the last after any shuffle, to validate on"
                    + " (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--scale", description = "Scale every input column to 0..1 by the training rows' bounds; the"
            + " scaling is saved with the network and applied by predict.")
    boolean scale;

    /** Adds these settings to a reader builder. */
    CsvReader.Builder applyTo(CsvReader.Builder builder) {
        if (oneHot) {
            builder.oneHot();
        }
        if (shuffle != null) {
            builder.shuffle(shuffle);
        }
        builder.validation(validation);
        if (scale) {
            builder.scale();
        }
        return builder;
    }
}
