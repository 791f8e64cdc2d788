package dev.backflux.spring;

import dev.backflux.micrometer.MetricsPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Backflux's core beans: the registry of started runs ({@link TrainingRuns}) and, when the application has a
 * {@link MeterRegistry}, the {@code metrics} plugin bound to it, given to every run the registry starts. Each bean
 * backs off when the application defines its own; {@code backflux.enabled=false} switches everything off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnProperty(prefix = "backflux", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BackfluxProperties.class)
public class BackfluxAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public BackfluxAutoConfiguration() {
    }

    /**
     * The {@code metrics} plugin bound to the application's meter registry.
     *
     * @param registry the application's registry
     * @return the plugin
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(prefix = "backflux.micrometer", name = "enabled", matchIfMissing = true)
    public MetricsPlugin backfluxMetricsPlugin(MeterRegistry registry) {
        return new MetricsPlugin(registry);
    }

    /**
     * The registry of started runs, which gives each run the metrics plugin when there is one.
     *
     * @param properties {@code backflux.*}
     * @param metrics the metrics plugin, if there is exactly one
     * @return the registry
     */
    @Bean
    @ConditionalOnMissingBean
    public TrainingRuns trainingRuns(BackfluxProperties properties, ObjectProvider<MetricsPlugin> metrics) {
        return new TrainingRuns(properties.getRuns().getMaxKept(),
                properties.getMicrometer().isEnabled() ? metrics.getIfUnique() : null);
    }
}
