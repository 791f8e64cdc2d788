package dev.backflux.spring;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The Actuator endpoint {@code backflux}: lists the kept runs (name, step, error, state, reason), shows one, and
 * cancels one. Over HTTP, once exposed ({@code management.endpoints.web.exposure.include=backflux}):
 * {@code GET /actuator/backflux}, {@code GET /actuator/backflux/{name}} and {@code DELETE /actuator/backflux/{name}};
 * an unknown name is a 404.
 */
@Endpoint(id = "backflux")
public class BackfluxEndpoint {

    private final TrainingRuns runs;

    /**
     * Creates the endpoint over a registry of runs.
     *
     * @param runs the registry
     */
    public BackfluxEndpoint(TrainingRuns runs) {
        this.runs = runs;
    }

    /**
     * Lists the kept runs, oldest first.
     *
     * @return one description per run
     */
    @ReadOperation
    public List<RunInfo> runs() {
        return runs.list();
    }

    /**
     * Describes one run.
     *
     * @param name the run's name
     * @return the run's description; 404 if no run has that name
     */
    @ReadOperation
    public WebEndpointResponse<RunInfo> run(@Selector String name) {
        return runs.info(name).map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }

    /**
     * Cancels one run; a run that has ended stays as it ended.
     *
     * @param name the run's name
     * @return the run's description after the cancellation was asked for; 404 if no run has that name
     */
    @DeleteOperation
    public WebEndpointResponse<RunInfo> cancel(@Selector String name) {
        return runs.cancel(name).map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }
}
