package dev.backflux.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backflux's settings in a Spring Boot application, under {@code backflux.*}. Every feature can be switched off.
 *
 * <p>None of these keys has the {@code backflux.<plugin id>.<option>} shape that the engine reads from the system
 * properties as plugin options, so that {@code -Dbackflux.micrometer.enabled=false} never reaches a plugin: the
 * {@code metrics} plugin's own options stay {@code backflux.metrics.*}.
 */
@ConfigurationProperties("backflux")
public class BackfluxProperties {

    /** Whether Backflux's auto-configuration applies at all. */
    private boolean enabled = true;

    private final Runs runs = new Runs();
    private final Micrometer micrometer = new Micrometer();
    private final Web web = new Web();
    private final Dashboard dashboard = new Dashboard();

    /** Creates the settings with their defaults; Spring Boot binds {@code backflux.*} onto them. */
    public BackfluxProperties() {
    }

    /**
     * Returns whether Backflux's auto-configuration applies.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether Backflux's auto-configuration applies.
     *
     * @param enabled {@code false} to switch everything off
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the settings of the registry of started runs.
     *
     * @return never {@code null}
     */
    public Runs getRuns() {
        return runs;
    }

    /**
     * Returns the settings of the metrics plugin's binding to the application's meter registry.
     *
     * @return never {@code null}
     */
    public Micrometer getMicrometer() {
        return micrometer;
    }

    /**
     * Returns the settings of the server-sent-event route.
     *
     * @return never {@code null}
     */
    public Web getWeb() {
        return web;
    }

    /**
     * Returns the settings of the dashboard's page.
     *
     * @return never {@code null}
     */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /** The registry of started runs ({@link TrainingRuns}). */
    public static class Runs {

        /** Creates the settings with their defaults. */
        public Runs() {
        }

        /** How many runs the registry keeps, running or ended; the oldest ended run makes room for a new one. */
        private int maxKept = 100;

        /**
         * Returns how many runs the registry keeps.
         *
         * @return 100 by default
         */
        public int getMaxKept() {
            return maxKept;
        }

        /**
         * Sets how many runs the registry keeps, running or ended.
         *
         * @param maxKept at least 1
         */
        public void setMaxKept(int maxKept) {
            if (maxKept < 1) {
                throw new IllegalArgumentException("backflux.runs.max-kept: expected at least 1, actual " + maxKept);
            }
            this.maxKept = maxKept;
        }
    }

    /** The metrics plugin bound to the application's {@code MeterRegistry}. */
    public static class Micrometer {

        /** Creates the settings with their defaults. */
        public Micrometer() {
        }

        /** Whether runs started through the registry of runs publish Micrometer meters. */
        private boolean enabled = true;

        /**
         * Returns whether runs publish Micrometer meters.
         *
         * @return {@code true} by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether runs publish Micrometer meters.
         *
         * @param enabled {@code false} to switch the meters off
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The WebFlux route that streams a run's steps as server-sent events. */
    public static class Web {

        /** Creates the settings with their defaults. */
        public Web() {
        }

        /** Whether the route is served. */
        private boolean enabled = true;

        /** The path under which the route answers, followed by /runs/NAME/steps. */
        private String path = "/backflux";

        /** The shortest time between two step events to one client; zero for every step the client can take. */
        private java.time.Duration eventInterval = java.time.Duration.ofMillis(100);

        /**
         * Returns the shortest time between two step events to one client.
         *
         * @return 100 ms by default
         */
        public java.time.Duration getEventInterval() {
            return eventInterval;
        }

        /**
         * Sets the shortest time between two step events to one client.
         *
         * @param eventInterval zero or positive
         */
        public void setEventInterval(java.time.Duration eventInterval) {
            if (eventInterval == null || eventInterval.isNegative()) {
                throw new IllegalArgumentException("backflux.web.event-interval: expected zero or a positive duration,"
                        + " actual " + eventInterval);
            }
            this.eventInterval = eventInterval;
        }

        /**
         * Returns whether the route is served.
         *
         * @return {@code true} by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the route is served.
         *
         * @param enabled {@code false} to switch the route off
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the path under which the route answers.
         *
         * @return {@code /backflux} by default
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the path under which the route answers.
         *
         * @param path starts with {@code /}, does not end with one
         */
        public void setPath(String path) {
            this.path = checkedPath("backflux.web.path", path);
        }
    }

    /** The dashboard's page, served when the {@code backflux-dashboard} module is on the class path. */
    public static class Dashboard {

        /** Creates the settings with their defaults. */
        public Dashboard() {
        }

        /** Whether the dashboard's page and API are served (when the dashboard module is on the class path). */
        private boolean enabled = true;

        /** The path under which the dashboard answers. */
        private String path = "/backflux/dashboard";

        /** The dashboard's access token, at least 16 URL-safe characters; random (and logged) when not set. */
        private String token;

        /**
         * Returns the dashboard's access token.
         *
         * @return the token, or {@code null} for a random one
         */
        public String getToken() {
            return token;
        }

        /**
         * Sets the dashboard's access token.
         *
         * @param token at least 16 letters, digits, '.', '_', '~' or '-'
         */
        public void setToken(String token) {
            if (token == null || !token.matches("[A-Za-z0-9._~-]{16,}")) {
                throw new IllegalArgumentException("backflux.dashboard.token: expected at least 16 letters, digits,"
                        + " '.', '_', '~' or '-', actual " + (token == null ? "none" : token.length() + " characters"
                        + (token.matches("[A-Za-z0-9._~-]*") ? "" : ", some of them others")));
            }
            this.token = token;
        }

        /**
         * Returns whether the dashboard is served.
         *
         * @return {@code true} by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the dashboard is served.
         *
         * @param enabled {@code false} to switch the dashboard off
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the path under which the dashboard answers.
         *
         * @return {@code /backflux/dashboard} by default
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the path under which the dashboard answers.
         *
         * @param path starts with {@code /}, does not end with one
         */
        public void setPath(String path) {
            this.path = checkedPath("backflux.dashboard.path", path);
        }
    }

    private static String checkedPath(String property, String path) {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException(property + ": expected a path such as /backflux (segments of letters,"
                    + " digits, '.', '_', '~' or '-', each after a '/', none at the end), actual '" + path + "'");
        }
        return path;
    }
}
