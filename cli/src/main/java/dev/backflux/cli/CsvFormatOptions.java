package dev.backflux.cli;

import dev.backflux.files.CsvReader;
import java.util.List;
import picocli.CommandLine.Option;

/** How a CSV file is laid out: header, rows to skip, delimiter, target columns. */
final class CsvFormatOptions {

    @Option(names = "--no-header", description = "The first row (after any skipped) is data, not column names.")
    boolean noHeader;

    @Option(names = "--skip-rows", paramLabel = "N", defaultValue = "0",
            description = "Rows to skip at the start of the file (default: ${DEFAULT-VALUE}).")
    int skipRows;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "The character between fields (default: '${DEFAULT-VALUE}').")
    char delimiter;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "A target column, by name or by index from 0 (the first column is 0); repeat for several."
                    + " train and resume: the outputs to learn (default: the last column); predict: columns that are"
                    + " not inputs (default: none).")
    List<String> targets;

    /** A reader builder with these settings; settings checked by the builder throw IllegalArgumentException. */
    CsvReader.Builder reader() {
        CsvReader.Builder builder = CsvReader.builder().header(!noHeader).skipRows(skipRows).delimiter(delimiter);
        if (targets != null && !targets.isEmpty()) {
            if (targets.stream().allMatch(target -> target.matches("\\d+"))) {
                builder.targets(targets.stream().mapToInt(Integer::parseInt).toArray());
            } else {
                builder.targets(targets.toArray(new String[0]));
            }
        }
        return builder;
    }
}
