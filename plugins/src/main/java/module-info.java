/**
 * Backflux's built-in plugins, found at run time with {@link java.util.ServiceLoader}: {@code logging},
 * {@code early-stopping}, {@code progress}, {@code history}, and the activations {@code tanh},
 * {@code relu}, {@code leaky-relu}, {@code softplus} and {@code identity}.
 *
 * <p>Nothing here is called directly: a run selects plugins by id.
 */
module dev.backflux.plugins {
    requires dev.backflux.api;
    requires org.slf4j;
    requires me.tongfei.progressbar;
    requires org.jline.terminal;

    provides dev.backflux.api.spi.Plugin with
            dev.backflux.plugins.LoggingPlugin,
            dev.backflux.plugins.EarlyStoppingPlugin,
            dev.backflux.plugins.ProgressPlugin,
            dev.backflux.plugins.HistoryPlugin,
            dev.backflux.plugins.TanhPlugin,
            dev.backflux.plugins.ReluPlugin,
            dev.backflux.plugins.LeakyReluPlugin,
            dev.backflux.plugins.SoftplusPlugin,
            dev.backflux.plugins.IdentityPlugin;
}
