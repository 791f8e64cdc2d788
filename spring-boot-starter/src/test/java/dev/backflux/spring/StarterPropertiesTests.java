package dev.backflux.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.dashboard.Dashboard;
import dev.backflux.micrometer.MetricsPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans the auto-configuration makes: each feature switched off by its property, each bean backing off when
 * the application defines its own, and bad properties refused naming the property.
 */
class StarterPropertiesTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BackfluxAutoConfiguration.class,
                    BackfluxWebAutoConfiguration.class, BackfluxDashboardAutoConfiguration.class,
                    BackfluxEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(NettyReactiveWebServerFactory.class, NettyReactiveWebServerFactory::new)
            .withPropertyValues("management.endpoints.web.exposure.include=backflux");

    @Test
    void everythingIsOnByDefault() {
        runner.run(context -> {
            assertNotNull(context.getBean(TrainingRuns.class));
            assertNotNull(context.getBean(MetricsPlugin.class));
            assertTrue(context.containsBean("backfluxRoutes"));
            assertNotNull(context.getBean(Dashboard.class));
            assertTrue(context.containsBean("backfluxDashboardRoutes"));
            assertNotNull(context.getBean(BackfluxEndpoint.class));
        });
    }

    @Test
    void backfluxEnabledFalseSwitchesEverythingOff() {
        runner.withPropertyValues("backflux.enabled=false").run(context -> {
            assertEquals(0, context.getBeanNamesForType(TrainingRuns.class).length);
            assertEquals(0, context.getBeanNamesForType(MetricsPlugin.class).length);
            assertEquals(false, context.containsBean("backfluxRoutes"));
            assertEquals(0, context.getBeanNamesForType(Dashboard.class).length);
        });
    }

    @Test
    void backfluxEnabledFalseSwitchesEverythingOffEvenBesideTheApplicationsOwnRegistryOfRuns() {
        runner.withPropertyValues("backflux.enabled=false").withUserConfiguration(OwnBeans.class).run(context -> {
            assertNull(context.getStartupFailure());
            assertEquals(false, context.containsBean("backfluxRoutes"));
            assertEquals(false, context.containsBean("backfluxDashboardRoutes"));
            assertEquals(0, context.getBeanNamesForType(BackfluxEndpoint.class).length);
        });
    }

    @Test
    void withoutReactorNettyThereIsNoDashboard() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BackfluxAutoConfiguration.class,
                        BackfluxDashboardAutoConfiguration.class))
                .run(context -> assertEquals(0, context.getBeanNamesForType(Dashboard.class).length));
    }

    @Test
    void eachFeatureHasItsOwnSwitch() {
        runner.withPropertyValues("backflux.micrometer.enabled=false").run(context -> {
            assertEquals(0, context.getBeanNamesForType(MetricsPlugin.class).length);
            assertNotNull(context.getBean(TrainingRuns.class));
        });
        runner.withPropertyValues("backflux.web.enabled=false").run(context -> {
            assertEquals(false, context.containsBean("backfluxRoutes"));
            assertNotNull(context.getBean(Dashboard.class));
        });
        runner.withPropertyValues("management.endpoints.web.exposure.exclude=backflux").run(context ->
                assertEquals(0, context.getBeanNamesForType(BackfluxEndpoint.class).length));
        runner.withPropertyValues("backflux.dashboard.enabled=false").run(context -> {
            assertEquals(0, context.getBeanNamesForType(Dashboard.class).length);
            assertEquals(false, context.containsBean("backfluxDashboardRoutes"));
            assertTrue(context.containsBean("backfluxRoutes"));
        });
    }

    @Test
    void withoutAMeterRegistryThereIsNoMetricsPlugin() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BackfluxAutoConfiguration.class))
                .run(context -> {
                    assertEquals(0, context.getBeanNamesForType(MetricsPlugin.class).length);
                    assertNotNull(context.getBean(TrainingRuns.class));
                });
    }

    @Test
    void theApplicationsOwnBeansReplaceTheStartersOnes() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertSame(OwnBeans.RUNS, context.getBean(TrainingRuns.class));
            assertSame(OwnBeans.METRICS, context.getBean(MetricsPlugin.class));
            assertSame(OwnBeans.DASHBOARD, context.getBean(Dashboard.class));
        });
    }

    @Test
    void badPropertiesFailTheStartNamingTheProperty() {
        runner.withPropertyValues("backflux.runs.max-kept=0").run(context -> assertFailure(context.getStartupFailure(),
                "backflux.runs.max-kept: expected at least 1, actual 0"));
        runner.withPropertyValues("backflux.web.path=backflux/").run(context -> assertFailure(
                context.getStartupFailure(), "backflux.web.path: expected a path such as /backflux"));
        runner.withPropertyValues("backflux.web.event-interval=-1s").run(context -> assertFailure(
                context.getStartupFailure(), "backflux.web.event-interval: expected zero or a positive duration"));
        runner.withPropertyValues("backflux.dashboard.token=short").run(context -> assertFailure(
                context.getStartupFailure(), "backflux.dashboard.token: expected at least 16 letters, digits, '.', '_', '~' or '-', actual 5 characters"));
    }

    private static void assertFailure(Throwable failure, String expected) {
        assertNotNull(failure, "the context started");
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains(expected), messages.toString());
    }

    /** An application's own beans. */
    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final TrainingRuns RUNS = new TrainingRuns(5, null);
        static final MetricsPlugin METRICS = new MetricsPlugin(new SimpleMeterRegistry());
        static final Dashboard DASHBOARD = Dashboard.builder().build();

        @Bean
        TrainingRuns trainingRuns() {
            return RUNS;
        }

        @Bean
        MetricsPlugin metricsPlugin() {
            return METRICS;
        }

        @Bean
        Dashboard dashboard() {
            return DASHBOARD;
        }
    }
}
