package dev.backflux.dashboard;

import dev.backflux.api.TrainingData;
import tools.jackson.databind.JsonNode;

/** Small data given in a run's spec: {@code {"inputs": [[...], ...], "targets": [[...], ...]}}. */
final class InlineData {

    private InlineData() {
    }

    static TrainingData read(JsonNode data, int maxExamples) {
        for (var names = data.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("inputs") && !name.equals("targets")) {
                throw ApiException.badField("data." + name, "the fields inputs and targets", "'" + name + "'");
            }
        }
        double[][] inputs = matrix(data.get("inputs"), "data.inputs", maxExamples);
        double[][] targets = matrix(data.get("targets"), "data.targets", maxExamples);
        if (inputs.length != targets.length) {
            throw ApiException.badField("data.targets", inputs.length + " rows, one per example of data.inputs",
                    targets.length + " rows");
        }
        return TrainingData.of(inputs, targets);
    }

    private static double[][] matrix(JsonNode node, String field, int maxExamples) {
        String expected = "an array of 1 to " + maxExamples + " rows of the same number of finite numbers";
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > maxExamples) {
            throw ApiException.badField(field, expected,
                    node == null ? "nothing" : node.isArray() ? node.size() + " rows" : RunSpec.kind(node));
        }
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.isEmpty() || (r > 0 && row.size() != rows[0].length)) {
                throw ApiException.badField(field + "[" + r + "]", r == 0 ? "a non-empty array of numbers"
                        : "an array of " + rows[0].length + " numbers", row.isArray() ? row.size() + " elements"
                        : RunSpec.kind(row));
            }
            rows[r] = new double[row.size()];
            for (int c = 0; c < rows[r].length; c++) {
                JsonNode value = row.get(c);
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    throw ApiException.badField(field + "[" + r + "][" + c + "]", "a finite number",
                            RunSpec.kind(value));
                }
                rows[r][c] = value.asDouble();
            }
        }
        return rows;
    }
}
