package dev.backflux.cluster;

import dev.backflux.api.TrainingResult;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Runs submitted together ({@link BackfluxCluster#submit(List)}), with their results collected in submission
 * order or as they finish.
 */
public final class ClusterSweep {

    private final List<ClusterRun> runs;

    ClusterSweep(List<ClusterRun> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * Returns the runs, in submission order.
     *
     * @return an unmodifiable list, never {@code null}
     */
    public List<ClusterRun> runs() {
        return runs;
    }

    /**
     * Returns the runs' results in submission order, each as soon as it and those before it have ended.
     *
     * @return the results, one per run; never {@code null}
     */
    public Flux<TrainingResult> results() {
        return Flux.fromIterable(runs).flatMapSequential(ClusterRun::result, Math.max(1, runs.size()));
    }

    /**
     * Returns the runs' results in the order the runs end ({@link #asTheyFinish()} says which run each is).
     *
     * @return the results, one per run; never {@code null}
     */
    public Flux<TrainingResult> resultsAsTheyFinish() {
        return asTheyFinish().concatMap(ClusterRun::result);
    }

    /**
     * Returns the runs with their results in the order the runs end.
     *
     * @return each run as soon as its result is there; never {@code null}
     */
    public Flux<ClusterRun> asTheyFinish() {
        return Flux.fromIterable(runs).flatMap(run -> run.result().thenReturn(run), Math.max(1, runs.size()));
    }

    @Override
    public String toString() {
        return "ClusterSweep[" + runs.size() + " runs]";
    }
}
