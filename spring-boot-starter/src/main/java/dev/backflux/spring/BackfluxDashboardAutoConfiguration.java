package dev.backflux.spring;

import dev.backflux.dashboard.Dashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;

/**
 * The dashboard's page and API on the application's own server, under {@code /backflux/dashboard} by default,
 * when the {@code backflux-dashboard} module is on the class path and the server is reactor-netty (WebFlux's
 * default): its routes are mounted beside WebFlux's with a {@link NettyRouteProvider}, and every run the registry
 * starts is shown there. Its API needs the dashboard's token ({@code backflux.dashboard.token}, random and logged
 * when not set). {@code backflux.dashboard.enabled=false} switches it off.
 */
@AutoConfiguration(after = BackfluxAutoConfiguration.class)
@ConditionalOnClass({Dashboard.class, NettyRouteProvider.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(TrainingRuns.class)
@ConditionalOnProperty(prefix = "backflux.dashboard", name = "enabled", matchIfMissing = true)
public class BackfluxDashboardAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BackfluxDashboardAutoConfiguration.class);

    /** Creates the auto-configuration; Spring Boot does. */
    public BackfluxDashboardAutoConfiguration() {
    }

    /**
     * The dashboard, showing every run the registry starts.
     *
     * @param runs the registry of runs
     * @param properties {@code backflux.*}
     * @return the dashboard, closed with the application context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Dashboard backfluxDashboard(TrainingRuns runs, BackfluxProperties properties) {
        Dashboard.Builder builder = Dashboard.builder().basePath(properties.getDashboard().getPath());
        if (properties.getDashboard().getToken() != null) {
            builder.token(properties.getDashboard().getToken());
        }
        Dashboard dashboard = builder.build();
        runs.onStart(dashboard::show);
        LOG.info("Backflux dashboard at {}/?token={}", properties.getDashboard().getPath(), dashboard.token());
        return dashboard;
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
