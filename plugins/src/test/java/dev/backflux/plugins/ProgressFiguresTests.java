package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressFiguresTests {

    private static final long MS = 1_000_000;

    @Test
    void theRateIsTheStepsDoneOverTheElapsedNanoseconds() {
        // Steps 0 to 999 in 250 ms.
        ProgressFigures figures = new ProgressFigures(999, 5_000, 0.25, 250 * MS);

        assertEquals(1_000, figures.done());
        assertEquals(OptionalDouble.of(4_000), figures.stepsPerSecond());
        assertEquals(Optional.of(Duration.ofSeconds(1)), figures.timeLeft());
        assertEquals("error 0.250000 4,000 steps/s eta 0:00:01", figures.message());
    }

    @Test
    void aRunShorterThanASecondHasARateAndTheTimeLeftFollowsIt() {
        // Whole seconds would make this 0 steps/s and no estimate (or a wild one).
        ProgressFigures figures = new ProgressFigures(8_959, 200_000, 0.5, 700 * MS);

        assertEquals("step 8960/200000 (4.5%) error 0.500000 12,800 steps/s eta 0:00:15", figures.line());
    }

    @Test
    void aSlowRunShowsATenthOfAStepPerSecond() {
        ProgressFigures figures = new ProgressFigures(2, 3_600, 0.125, 2_000 * MS);

        assertEquals("step 3/3600 (0.1%) error 0.125000 1.5 steps/s eta 0:39:58", figures.line());
    }

    @Test
    void beforeAnyTimeHasPassedTheRateAndTheTimeLeftAreUnknown() {
        ProgressFigures figures = new ProgressFigures(0, 10, 0.5, 0);

        assertEquals(OptionalDouble.empty(), figures.stepsPerSecond());
        assertEquals("step 1/10 (10.0%) error 0.500000 ? steps/s eta ?", figures.line());
    }

    @Test
    void theLastStepLeavesNoTimeLeft() {
        assertEquals("step 10/10 (100.0%) error 0.001000 20.0 steps/s eta 0:00:00",
                new ProgressFigures(9, 10, 0.001, 500 * MS).line());
    }

    @Test
    void durationsReadAsHoursMinutesAndSecondsRoundedToTheSecond() {
        assertEquals("0:00:00", ProgressFigures.clock(Duration.ofMillis(499)));
        assertEquals("0:00:01", ProgressFigures.clock(Duration.ofMillis(500)));
        assertEquals("1:01:01", ProgressFigures.clock(Duration.ofSeconds(3_661)));
        assertEquals("27:46:40", ProgressFigures.clock(Duration.ofSeconds(100_000)));
    }
}
