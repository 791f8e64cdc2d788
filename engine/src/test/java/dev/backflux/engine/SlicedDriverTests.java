package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class SlicedDriverTests {

    private final Scheduler single = Schedulers.newSingle("sliced-driver-test");

    @AfterEach
    void dispose() {
        single.dispose();
    }

    @Test
    void whatPublishingAStepThrowsFailsTheRunInsteadOfCancellingItSilently() throws Exception {
        IllegalStateException thrown = new IllegalStateException("a subscriber's operator broke");
        List<Long> published = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        SlicedDriver driver = new SlicedDriver(single, step -> {
            if (step.step() == 3) {
                throw thrown;
            }
            published.add(step.step());
        }, fatal::complete);

        Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000).configuration(Map.of()).build().flux()
                .subscribe(driver);

        assertSame(thrown, fatal.get(30, TimeUnit.SECONDS));
        Mono.fromRunnable(() -> { }).subscribeOn(single).block(Duration.ofSeconds(30)); // the slice has returned
        assertTrue(driver.isDisposed());
        assertEquals(List.of(0L, 1L, 2L), published, "no step after the one that failed");
    }

    @Test
    void whatTheFirstSliceThrowsFailsTheRunToo() throws Exception {
        IllegalStateException thrown = new IllegalStateException("the first step's subscriber broke");
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        SlicedDriver driver = new SlicedDriver(single, step -> {
            throw thrown;
        }, fatal::complete);

        Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000).configuration(Map.of()).build().flux()
                .subscribe(driver);

        assertSame(thrown, fatal.get(30, TimeUnit.SECONDS));
        assertTrue(driver.isDisposed());
    }
}
