/**
 * Backflux's live dashboard: a reactive web service on reactor-netty that shows training runs in the browser.
 * Start with {@link dev.backflux.dashboard.Dashboard}.
 */
module dev.backflux.dashboard {
    requires transitive dev.backflux.api;
    requires transitive reactor.netty.http;
    requires transitive reactor.netty.core;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.transport;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.backflux.dashboard;
}
