package dev.backflux.dashboard;

import dev.backflux.api.TrainingRun;
import dev.backflux.api.spi.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Starts the runs asked for over HTTP, on a thread that may block (building a run may read plugin jars or open
 * files), after the board has reserved a place for each; the place is given back when the run ends.
 */
final class RunStarter {

    private final DashboardLimits limits;
    private final RunBoard board;
    private final Map<String, Plugin> available;
    private final Set<String> allowedPlugins;

    RunStarter(DashboardLimits limits, RunBoard board, Map<String, Plugin> available, Set<String> allowedPlugins) {
        this.limits = limits;
        this.board = board;
        this.available = available;
        this.allowedPlugins = allowedPlugins;
    }

    ShownRun start(JsonNode json) {
        RunSpec spec = RunSpec.read(json, limits, available, allowedPlugins);
        TrainingRun run = spec.training().start();
        run.result().subscribe(result -> board.release(), error -> board.release());
        List<String> plugins = new ArrayList<>(spec.plugins().keySet());
        String id = board.nextId();
        ShownRun shown = new ShownRun(id, spec.name() == null ? id : spec.name(), true,
                ShownRun.description(spec.layers(), spec.learningRate(), spec.steps(), spec.activation(), plugins,
                        spec.dataName()), run, limits.eventInterval());
        board.add(shown);
        return shown;
    }
}
