package dev.backflux.api.spi;

import java.util.List;

/**
 * A Backflux plugin, found with {@link java.util.ServiceLoader}: it watches or ends a run's steps
 * ({@link StepPlugin}) or supplies its activation ({@link ActivationPlugin}).
 *
 * <p>What is on the class path or module path is <em>available</em>; what runs is what a run selects by
 * {@link #id()} (in code with {@code Trainer.training(...).plugin(id, options)}, or with the
 * {@code backflux.plugins} system property). A provider is registered both ways, so that its jar works on
 * the class path and on the module path:
 * <pre>
 * META-INF/services/dev.backflux.api.spi.Plugin   (one class name a line)
 * module-info.java:  provides dev.backflux.api.spi.Plugin with com.example.MyPlugin;
 * </pre>
 * Implementations have a public no-argument constructor and are stateless: the engine creates one
 * instance and uses it for every run; per-run state belongs in the {@code Flux} a {@link StepPlugin} returns.
 */
public interface Plugin {

    /**
     * Returns the plugin's stable, unique id, such as {@code logging} or {@code early-stopping}: lower-case
     * letters and digits in words joined by single hyphens.
     *
     * @return the id, never {@code null}
     */
    String id();

    /**
     * Returns one sentence on what the plugin does, for listings.
     *
     * @return the description; empty by default
     */
    default String description() {
        return "";
    }

    /**
     * Returns the options the plugin accepts; a run that gives any other option name fails at assembly.
     *
     * @return the declared options; none by default
     */
    default List<PluginOption<?>> options() {
        return List.of();
    }
}
