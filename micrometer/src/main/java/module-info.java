/**
 * The {@code metrics} plugin: each run's training and validation error, latest step, steps and step time as
 * Micrometer meters tagged with the run's name, removed when the run ends, and the runs that ended by reason
 * ({@link dev.backflux.micrometer.MetricsPlugin}).
 */
module dev.backflux.micrometer {
    requires transitive dev.backflux.api;
    requires transitive micrometer.core;

    exports dev.backflux.micrometer;

    provides dev.backflux.api.spi.Plugin with dev.backflux.micrometer.MetricsPlugin;
}
