package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryPluginTests {

    @TempDir
    Path folder;

    @Test
    void everyNthStepAndTheLastAreWrittenBeforeTheStreamCompletes() throws IOException {
        Path file = folder.resolve("history.csv");
        List<TrainingStep> steps = Xor.training(Network.of(3, 4, 1), 25)
                .plugin("history", Map.of("file", file.toString(), "every", 10L))
                .build().flux().collectList().block();

        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("step,training_error,validation_error",
                "0," + steps.get(0).meanAbsoluteError() + ",",
                "10," + steps.get(10).meanAbsoluteError() + ",",
                "20," + steps.get(20).meanAbsoluteError() + ",",
                "24," + steps.get(24).meanAbsoluteError() + ","), lines);
    }

    @Test
    void aPluginAfterItThatStopsTheRunStillGetsTheStoppingStepWrittenBeforeCompletion() throws IOException {
        Path file = folder.resolve("stopped.csv");
        List<TrainingStep> steps = Xor.training(Network.of(3, 4, 1), 100_000)
                .plugin("history", Map.of("file", file, "every", 100L))
                .plugin("early-stopping", Map.of("max-steps", 250L))
                .build().flux().collectList().block();

        assertEquals(249, steps.get(steps.size() - 1).step());
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("step,training_error,validation_error",
                "0," + steps.get(0).meanAbsoluteError() + ",",
                "100," + steps.get(100).meanAbsoluteError() + ",",
                "200," + steps.get(200).meanAbsoluteError() + ",",
                "249," + steps.get(249).meanAbsoluteError() + ","), lines);
    }

    @Test
    void aRunWhoseBestStepIsRestoredWritesEachStepOnceInOrder() throws IOException {
        Path file = folder.resolve("restored.csv");
        List<TrainingStep> received = Trainer.training(Network.of(3, 4, 1),
                        Xor.DATA.withValidation(Xor.INPUTS, new double[][] {{1}, {0}, {0}, {1}}))
                .steps(1_000).configuration(Map.of())
                .plugin("early-stopping", Map.of("patience", 10L, "restore-best", true))
                .plugin("history", Map.of("file", file, "every", 5L))
                .build().flux().collectList().block();

        assertEquals(10, received.get(received.size() - 1).step(), "the stopping step comes last, nothing is sent again");
        List<String> steps = Files.readAllLines(file).stream().skip(1).map(line -> line.split(",")[0])
                .collect(java.util.stream.Collectors.toList());
        assertEquals(List.of("0", "5", "10"), steps);
    }

    @Test
    void theValidationErrorHasItsColumn() throws IOException {
        Path file = folder.resolve("validation.csv");
        List<TrainingStep> steps = Trainer.training(Network.of(3, 4, 1), Xor.DATA.withValidation(Xor.INPUTS, Xor.TARGETS))
                .steps(3).configuration(Map.of()).plugin("history", Map.of("file", file)).build()
                .flux().collectList().block();

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertEquals("2," + steps.get(2).meanAbsoluteError() + "," + steps.get(2).validationMeanAbsoluteError().getAsDouble(),
                lines.get(3));
    }

    @Test
    void eachRunWritesItsOwnFileFromTheStart() throws IOException {
        Path file = folder.resolve("twice.csv");
        var training = Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", file)).build();

        training.flux().blockLast();
        training.flux().blockLast();

        assertEquals(6, Files.readAllLines(file).size());
    }
}
