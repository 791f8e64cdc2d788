package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingViews;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The tutorial's Part 2 idea: the three-layer network for learning rates 0.001 to 1000, each run on its own
 * core (the runs are independent), printed in order.
 */
@Command(name = "sweep",
        description = "Part 2's learning-rate sweep: the XOR network for rates 0.001 to 1000, in parallel.")
final class Sweep implements Runnable, OptionFree {

    static final List<Double> RATES = List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0);
    static final long STEPS = 60_000;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    @Override
    public void print(PrintWriter out) {
        sweep(Schedulers.parallel(), Runtime.getRuntime().availableProcessors())
                .doOnNext(lines -> lines.forEach(out::println))
                .blockLast();
        out.flush();
    }

    /** Every rate's printout, in the order of {@link #RATES}, up to {@code concurrency} runs at once on {@code scheduler}. */
    static Flux<List<String>> sweep(Scheduler scheduler, int concurrency) {
        return Flux.fromIterable(RATES).flatMapSequential(rate -> errors(rate).subscribeOn(scheduler), concurrency);
    }

    /** One rate's printout: its header, then the error every 10,000 steps (or where the run diverged). */
    static Mono<List<String>> errors(double rate) {
        return Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(rate).build(), TutorialData.XOR)
                .steps(STEPS).build().flux()
                .filter(step -> step.step() % 10_000 == 0)
                .map(step -> "Error after " + step.step() + " iterations:" + step.meanAbsoluteError())
                .onErrorResume(TrainingDivergedException.class,
                        diverged -> Flux.just("Diverged at step " + diverged.step()))
                .startWith("", "Training With Alpha:" + rate)
                .collectList();
    }
}
