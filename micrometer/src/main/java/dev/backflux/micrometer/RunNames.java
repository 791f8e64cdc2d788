package dev.backflux.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The names of the runs that have meters in each registry, so that two live runs never share one set of tags
 * (whichever plugin instance each run was given), and a run without a name gets the next free {@code run-N}; and
 * each registry's {@value MetricsPlugin#ACTIVE} gauge, registered with the registry's first run. Registries are
 * told apart as objects: a composite registry and a registry inside it are two.
 */
final class RunNames {

    private static final Map<MeterRegistry, Set<String>> IN_USE = new WeakHashMap<>();
    private static long next;

    private RunNames() {
    }

    /**
     * Claims {@code name} (or, if {@code null}, the next free {@code run-N}) in {@code registry}.
     *
     * @throws IllegalStateException if {@code name} is in use by a run that has not ended
     */
    static synchronized String claim(MeterRegistry registry, String name) {
        Set<String> names = IN_USE.get(registry);
        if (names == null) {
            names = new HashSet<>();
            IN_USE.put(registry, names);
            Gauge.builder(MetricsPlugin.ACTIVE, registry, RunNames::count)
                    .description("the runs that have meters now").register(registry);
        }
        if (name == null) {
            String free;
            do {
                free = "run-" + ++next;
            } while (names.contains(free));
            names.add(free);
            return free;
        }
        if (!names.add(name)) {
            throw new IllegalStateException("name: expected a name no running run of this registry uses, actual '"
                    + name + "', in use by a run that has not ended");
        }
        return name;
    }

    /** Gives {@code name} back once its run's meters are removed. */
    static synchronized void release(MeterRegistry registry, String name) {
        Set<String> names = IN_USE.get(registry);
        if (names != null) {
            names.remove(name);
        }
    }

    /** The number of runs with meters in {@code registry} now. */
    static synchronized int count(MeterRegistry registry) {
        return IN_USE.getOrDefault(registry, Collections.emptySet()).size();
    }
}
