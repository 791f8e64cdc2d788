package dev.backflux.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The WebFlux route that streams a kept run's steps as server-sent events ({@code GET /backflux/runs/{name}/steps}
 * by default), in a reactive web application; {@code backflux.web.enabled=false} switches it off, and a bean named
 * {@code backfluxRoutes} of the application's own replaces it.
 */
@AutoConfiguration(after = BackfluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(TrainingRuns.class)
@ConditionalOnProperty(prefix = "backflux", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackfluxProperties.class)
@ConditionalOnProperty(prefix = "backflux.web", name = "enabled", matchIfMissing = true)
public class BackfluxWebAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public BackfluxWebAutoConfiguration() {
    }

    /**
     * The route.
     *
     * @param runs the registry of runs
     * @param properties {@code backflux.*}
     * @return the route
     */
    @Bean
    @ConditionalOnMissingBean(name = "backfluxRoutes")
    public RouterFunction<ServerResponse> backfluxRoutes(TrainingRuns runs, BackfluxProperties properties) {
        return new StepEventRoutes(runs, properties.getWeb().getEventInterval()).routes(properties.getWeb().getPath());
    }
}
