package dev.backflux.spring;

import dev.backflux.dashboard.Dashboard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The dashboard's page and API on the application's own server, under {@code /backflux/dashboard} by default,
 * when the {@code backflux-dashboard} module is on the class path and the server is reactor-netty (WebFlux's
 * default): its routes are mounted beside WebFlux's with a {@link NettyRouteProvider}, and every run the registry
 * starts is shown there. Its API needs the dashboard's token ({@code backflux.dashboard.token}, random and logged
 * when not set). Mounted on reactor-netty directly, its routes are outside WebFlux: Spring Security, WebFilters
 * and {@code spring.webflux.base-path} do not apply to them; a warning says so when the server listens beyond the
 * loopback address. {@code backflux.dashboard.enabled=false} switches it off.
 */
@AutoConfiguration(after = BackfluxAutoConfiguration.class,
        afterName = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
@ConditionalOnClass({Dashboard.class, NettyRouteProvider.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean({TrainingRuns.class, NettyReactiveWebServerFactory.class})
@ConditionalOnProperty(prefix = "backflux", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackfluxProperties.class)
@ConditionalOnProperty(prefix = "backflux.dashboard", name = "enabled", matchIfMissing = true)
public class BackfluxDashboardAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BackfluxDashboardAutoConfiguration.class);

    /** The dashboard this configuration made, if it made one: only its address and token are logged. */
    private volatile Dashboard made;

    /** Creates the auto-configuration; Spring Boot does. */
    public BackfluxDashboardAutoConfiguration() {
    }

    /**
     * The dashboard, showing every run the registry starts.
     *
     * @param runs the registry of runs
     * @param properties {@code backflux.*}
     * @param environment where {@code server.address} is read, to warn when the dashboard is reachable from
     *                    other machines
     * @return the dashboard, closed with the application context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Dashboard backfluxDashboard(TrainingRuns runs, BackfluxProperties properties, Environment environment) {
        String path = properties.getDashboard().getPath();
        Dashboard.Builder builder = Dashboard.builder().basePath(path);
        String token = properties.getDashboard().getToken();
        if (token != null) {
            builder.token(token);
        }
        Dashboard dashboard = builder.build();
        runs.onStart(dashboard::show);
        made = dashboard;
        String address = environment.getProperty("server.address");
        if (!isLoopback(address)) {
            LOG.warn("The Backflux dashboard, whose API starts training runs, answers on {} ({}): beyond this machine,"
                    + " behind its token only; Spring Security and WebFilters do not apply to its routes",
                    address == null ? "every address" : address,
                    address == null ? "server.address not set" : "server.address");
        }
        return dashboard;
    }

    private static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Logs the address of the dashboard made here once the server listens: with its token when the token is
     * random (an application's own dashboard is not logged).
     *
     * @param properties {@code backflux.*}
     * @param environment where {@code server.address} is read
     * @return the listener
     */
    @Bean
    public ApplicationListener<WebServerInitializedEvent> backfluxDashboardAddress(BackfluxProperties properties,
            Environment environment) {
        return event -> {
            Dashboard dashboard = made;
            if (dashboard == null || event.getApplicationContext().getServerNamespace() != null) {
                return; // the application's own dashboard, or a management server of its own
            }
            String address = environment.getProperty("server.address");
            String host = address == null || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1"
                    : address.contains(":") ? "[" + address + "]" : address;
            String scheme = environment.getProperty("server.ssl.enabled", Boolean.class, false) ? "https" : "http";
            String url = scheme + "://" + host + ":" + event.getWebServer().getPort()
                    + properties.getDashboard().getPath() + "/";
            if (properties.getDashboard().getToken() == null) {
                LOG.info("Backflux dashboard at {}?token={} (a random token: set backflux.dashboard.token to choose"
                        + " one)", url, dashboard.token());
            } else {
                LOG.info("Backflux dashboard at {} (token from backflux.dashboard.token)", url);
            }
        };
    }

    /**
     * Mounts the dashboard's routes on the application's reactor-netty server, before WebFlux's handler.
     *
     * @param dashboard the dashboard
     * @return the route provider
     */
    @Bean
    public NettyRouteProvider backfluxDashboardRoutes(Dashboard dashboard) {
        return routes -> {
            dashboard.routes().accept(routes);
            return routes;
        };
    }
}
