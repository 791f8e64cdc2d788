package dev.backflux.files;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.testing.Tutorial;
import java.util.Map;

/** A JVM that trains without end, checkpointing every 50 steps into the directory it is given: the crash test kills it. */
public final class CheckpointChild {

    private CheckpointChild() {
    }

    /**
     * Trains the tutorial's network until killed.
     *
     * @param args the checkpoint directory
     */
    public static void main(String[] args) {
        Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000_000_000L)
                .plugin("checkpoint", Map.of("directory", args[0], "every", 50L, "keep", 3L))
                .configuration(Map.of()).build().result().block();
    }
}
