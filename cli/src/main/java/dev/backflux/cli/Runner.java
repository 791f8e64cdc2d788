package dev.backflux.cli;

import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.files.NetworkFile;
import dev.backflux.files.Npz;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a training to its end, prints how it ended, and saves its last network if asked. Stopped by Ctrl+C or
 * SIGTERM, the run is cancelled and ends as any run does (its last step saved and checkpointed) before the JVM
 * exits.
 */
final class Runner {

    /** How long a stopped command waits for its run to end, save and checkpoint. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private Runner() {
    }

    /**
     * @return 0 when the run completed, stopped or was cancelled; 1 when it failed
     */
    static int run(Training training, RunOptions options, PrintWriter out, PrintWriter err) throws IOException {
        TrainingRun run = training.start();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread stop = new Thread(() -> {
            interrupted.set(true);
            run.cancel();
            try {
                finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backflux-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return report(training, run.result().block(), interrupted.get(), options, out, err);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it has nothing left to wait for.
            }
        }
    }

    private static int report(Training training, TrainingResult result, boolean interrupted, RunOptions options,
            PrintWriter out, PrintWriter err) throws IOException {
        Path save = options.save;
        out.println(result.reason() + ": " + (interrupted && result.reason() == TrainingResult.Reason.CANCELLED
                ? "stopped by Ctrl+C or SIGTERM after " + result.stepsRun() + " steps" : result.condition()));
        boolean validated = result.lastStep().map(step -> step.validationMeanAbsoluteError().isPresent())
                .orElse(false);
        out.println(String.format(Locale.ROOT, "%d steps in %.1f s, final error %s, best %serror %s",
                result.stepsRun(), result.elapsed().toMillis() / 1000.0,
                result.lastStep().map(step -> String.valueOf(step.meanAbsoluteError())).orElse("none"),
                validated ? "validation " : "",
                result.bestStep().map(step -> result.bestError().getAsDouble() + " at step " + step.step())
                        .orElse("none")));
        result.lastStep().map(TrainingStep::validationMeanAbsoluteError).filter(error -> error.isPresent())
                .ifPresent(error -> out.println("final validation error " + error.getAsDouble()));
        if (result.accuracy().isPresent()) {
            out.println(String.format(Locale.ROOT, "accuracy %.1f%%", 100 * result.accuracy().getAsDouble())
                    + (result.validationAccuracy().isEmpty() ? "" : String.format(Locale.ROOT,
                            ", validation accuracy %.1f%%", 100 * result.validationAccuracy().getAsDouble())));
        }
        if (result.reason() == TrainingResult.Reason.FAILED) {
            err.println("backflux: the run failed: " + result.error().map(Failures::describe).orElse("unknown"));
            return 1;
        }
        if (save != null && result.lastStep().isPresent()) {
            NetworkFile.write(result.lastStep().get(), training, save);
            out.println("saved step " + result.lastStep().get().step() + " to " + save);
        }
        if (options.saveNpz != null && result.lastStep().isPresent()) {
            Npz.writeWeights(result.lastStep().get().weights(), options.saveNpz);
            out.println("saved the weights of step " + result.lastStep().get().step() + " to " + options.saveNpz);
        }
        out.flush();
        return 0;
    }
}
