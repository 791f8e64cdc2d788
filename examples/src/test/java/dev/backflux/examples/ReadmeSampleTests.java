package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** The README's "Watching training from code" sample, with {@code System.out} replaced by a list. */
class ReadmeSampleTests {

    private final List<String> printed = new CopyOnWriteArrayList<>();

    @Test
    void theReadmeSampleRunsAndPrintsWhatItSays() {
        TrainingData xor = TrainingData.of(
                new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
                new double[][] {{0}, {1}, {1}, {0}});
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(1.0).seed(1).build();

        Flux<TrainingStep> steps = Trainer.train(network, xor, 60_000);   // cold: nothing runs yet

        Disposable training = steps
                .filter(step -> step.step() % 10_000 == 0)
                .subscribe(
                        step -> printed.add("Error:" + step.meanAbsoluteError()),
                        error -> printed.add("Training failed: " + error),
                        () -> printed.add("Done"));                 // training.dispose() stops it

        // and now use it: any step's weights make a network for new inputs
        TrainedNetwork trained = steps.last().block().network();
        double[] answer = trained.predict(1, 0, 1);

        assertTrue(training.isDisposed(), "the subscription ran to completion on this thread");
        assertEquals(7, printed.size(), printed.toString());
        assertTrue(printed.get(0).startsWith("Error:0.49641003190272"), printed.get(0));
        assertEquals("Done", printed.get(6));
        assertTrue(answer[0] > 0.95, "XOR(1, 0) = 1: " + answer[0]);
    }
}
