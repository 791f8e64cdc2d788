package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Linear;
import dev.backflux.testing.Tutorial;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A trained network says which plugin its activation came from; Trainer.trained predicts without training. */
class TrainedNetworkTests {

    @Test
    void aStepsNetworkNamesItsActivationsPlugin() {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 2).blockLast();
        assertEquals(Optional.of("sigmoid"), step.network().activationPlugin());
        assertEquals(Map.of(), step.network().activationOptions());

        TrainingStep linear = Trainer.train(Network.builder().layerSizes(3, 4, 1).activation(Linear.INSTANCE)
                .learningRate(0.01).build(), Tutorial.XOR, 2).blockLast();
        assertEquals(Optional.empty(), linear.network().activationPlugin(), "set on the network, from no plugin");
    }

    @Test
    void aNetworkWithoutTrainingPredictsWhatAStepWithItsWeightsComputed() {
        TrainingStep step = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 100).blockLast();
        Network same = Network.builder().layerSizes(3, 4, 1)
                .weights(step.weightsBefore(0).toArray(), step.weightsBefore(1).toArray()).build();
        TrainedNetwork trained = Trainer.trained(same);
        Matrix output = trained.predict(Tutorial.INPUTS);
        for (int e = 0; e < 4; e++) {
            assertEquals(Double.doubleToRawLongBits(step.output().get(e, 0)), Double.doubleToRawLongBits(output.get(e, 0)));
        }
        assertEquals(Optional.of("sigmoid"), trained.activationPlugin());
        assertEquals(step.weightsBefore(0), trained.weights().get(0));

        TrainedNetwork seeded = Trainer.trained(Network.of(3, 4, 1));
        TrainingStep first = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockLast();
        assertEquals(first.weightsBefore(1), seeded.weights().get(1), "a seed's weights, drawn as a run draws them");
        assertEquals(Optional.empty(), Trainer.trained(Network.builder().layerSizes(3, 1).activation(Linear.INSTANCE).build())
                .activationPlugin());
    }
}
