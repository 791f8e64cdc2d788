package dev.backflux.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code backflux} ({@link BackfluxEndpoint}), when Actuator is on the class path and the
 * endpoint is available (Actuator's own {@code management.endpoint.backflux.*} and exposure settings).
 */
@AutoConfiguration(after = BackfluxAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TrainingRuns.class)
@ConditionalOnProperty(prefix = "backflux", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackfluxProperties.class)
@ConditionalOnAvailableEndpoint(BackfluxEndpoint.class)
public class BackfluxEndpointAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public BackfluxEndpointAutoConfiguration() {
    }

    /**
     * The endpoint.
     *
     * @param runs the registry of runs
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public BackfluxEndpoint backfluxEndpoint(TrainingRuns runs) {
        return new BackfluxEndpoint(runs);
    }
}
