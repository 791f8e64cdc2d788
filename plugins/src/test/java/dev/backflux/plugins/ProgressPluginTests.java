package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPluginTests {

    @Test
    void theBarShowsTheStepsTheErrorAndTheSpeedOnStandardError() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long steps;
        try {
            steps = Xor.training(Network.of(3, 4, 1), 3_000).plugin("progress", Map.of("interval", "10ms"))
                    .build().flux().count().block();
        } finally {
            System.setErr(original);
        }

        assertEquals(3_000, steps);
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Training"), text);
        assertTrue(text.contains("3000/3000 steps"), text);
        assertTrue(text.contains(" error 0."), text);
        assertTrue(text.contains("steps/s"), text);
    }
}
