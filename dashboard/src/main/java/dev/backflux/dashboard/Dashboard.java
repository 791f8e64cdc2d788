package dev.backflux.dashboard;

import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.spi.Plugin;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * A live dashboard of training runs in the browser: runs, error curves, the network, the tutorial's slope
 * picture and each weight's story, served by reactor-netty with a JSON API and server-sent events.
 *
 * <p>Run it alone, or embed it: an application builds one, {@linkplain #show shows} the runs it started itself,
 * and either {@linkplain #start() starts} the dashboard's own server or {@linkplain #routes() mounts} its routes
 * into a reactor-netty server of its own:
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.builder().port(8080).build();
 * dashboard.show("xor", training.start());
 * dashboard.start();
 * System.out.println(dashboard.url());    // http://127.0.0.1:8080/?token=...
 * }</pre>
 *
 * <p><b>Safe by default.</b> It binds 127.0.0.1 unless told otherwise (another address is logged as a warning);
 * every API call needs the dashboard's token, random for each dashboard (403 without it); request bodies, runs
 * training at once, steps, network sizes and event-stream clients are capped; plugins that write files or run an
 * application's own code can be chosen over HTTP only when {@link Builder#allowPlugins allowed}; every response
 * carries a Content-Security-Policy and {@code X-Content-Type-Options: nosniff}; no CORS header is ever sent.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Dashboard.class);

    /** The plugins a run started over HTTP may use unless the application allows more. */
    public static final Set<String> SAFE_PLUGINS = Set.of("sigmoid", "tanh", "relu", "leaky-relu", "softplus",
            "identity", "early-stopping", "logging");

    private final String host;
    private final int port;
    private final String basePath;
    private final String token;
    private final Duration eventInterval;
    private final RunBoard board;
    private final DashboardRoutes routes;
    private volatile DisposableServer server;
    private volatile boolean closed;

    private Dashboard(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.basePath = builder.basePath;
        this.token = builder.token != null ? builder.token : randomToken();
        this.eventInterval = builder.eventInterval;
        DashboardLimits limits = new DashboardLimits(builder.maxRuns, builder.maxSteps, builder.maxUnits,
                builder.maxWeights, builder.maxExamples, builder.maxBodyBytes, builder.maxStreamClients,
                builder.eventInterval, builder.maxShownRuns);
        Map<String, Plugin> available = new LinkedHashMap<>();
        for (Plugin plugin : Trainer.plugins()) {
            available.put(plugin.id(), plugin);
        }
        Set<String> allowed = new LinkedHashSet<>(SAFE_PLUGINS);
        allowed.addAll(builder.allowedPlugins);
        allowed.retainAll(available.keySet());
        this.board = new RunBoard(builder.maxShownRuns);
        this.routes = new DashboardRoutes(basePath, token, limits, board, available, Set.copyOf(allowed),
                new StaticFiles(), new RunStarter(limits, board, available, Set.copyOf(allowed)));
    }

    /**
     * Starts building a dashboard.
     *
     * @return a builder with the defaults: 127.0.0.1, port 8080, a random token and the limits its setters name
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Shows a run the application started: it appears in the runs list with its steps, curve and weights. The
     * dashboard does not cancel it, over HTTP or when closed: the application owns it.
     *
     * @param name the name the page shows
     * @param run the run
     * @return the run's id in the dashboard's API ({@code run-1}, ...)
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank or longer than 100 characters
     * @throws IllegalStateException if the dashboard is closed
     */
    public String show(String name, TrainingRun run) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(run, "run");
        if (name.isBlank() || name.length() > RunSpec.MAX_NAME) {
            throw new IllegalArgumentException("name: expected 1 to " + RunSpec.MAX_NAME + " characters, actual '"
                    + name + "'");
        }
        if (closed) {
            throw new IllegalStateException("show: expected a dashboard not closed, actual one closed");
        }
        String id = board.nextId();
        board.add(new ShownRun(id, name, false, Map.of(), run, eventInterval));
        return id;
    }

    /**
     * Returns the dashboard's routes, to mount into a reactor-netty server of the application's own:
     * {@code HttpServer.create().route(routes -> { routes.get(...); dashboard.routes().accept(routes); })}.
     * They answer under the builder's {@linkplain Builder#basePath base path}; the page is at that path plus
     * {@code /?token=} and the {@linkplain #token() token}.
     *
     * @return what adds the routes to a server's routes
     */
    public Consumer<HttpServerRoutes> routes() {
        return routes::addTo;
    }

    /**
     * Starts the dashboard's own server on its host and port, serving only the dashboard (any other path is a
     * JSON 404 with the same security headers). Binding blocks the caller until the port is bound.
     *
     * @return this dashboard
     * @throws IllegalStateException if it was started already, or closed
     */
    public synchronized Dashboard start() {
        if (closed) {
            throw new IllegalStateException("start: expected a dashboard not closed, actual one closed");
        }
        if (server != null) {
            throw new IllegalStateException("start: expected a dashboard not started yet, actual one serving "
                    + url());
        }
        if (!isLoopback(host)) {
            LOGGER.warn("The dashboard binds {}, which is not a loopback address: anyone who can reach it and"
                    + " has the token can start and cancel runs", host);
        }
        server = HttpServer.create().host(host).port(port)
                .route(r -> {
                    routes.addTo(r);
                    r.route(request -> true, DashboardRoutes::notFound);
                })
                .bindNow();
        LOGGER.info("Backflux dashboard at {}", url());
        return this;
    }

    /**
     * Returns the page's address with the token, as printed when the dashboard starts.
     *
     * @return the address, such as {@code http://127.0.0.1:8080/?token=...}
     * @throws IllegalStateException if the dashboard's own server is not started
     */
    public URI url() {
        DisposableServer bound = server;
        if (bound == null) {
            throw new IllegalStateException("url: expected a started dashboard, actual not started: call start()");
        }
        String address = bound.host().contains(":") ? "[" + bound.host() + "]" : bound.host();
        return URI.create("http://" + address + ":" + bound.port() + basePath + "/?token=" + token);
    }

    /**
     * Returns the port the dashboard's own server listens on: the one asked for, or the one chosen for port 0.
     *
     * @return the port
     * @throws IllegalStateException if the dashboard's own server is not started
     */
    public int port() {
        DisposableServer bound = server;
        if (bound == null) {
            throw new IllegalStateException("port: expected a started dashboard, actual not started: call start()");
        }
        return bound.port();
    }

    /**
     * Returns the access token every API call needs: the {@code token} parameter or an
     * {@code Authorization: Bearer} header.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * Closes the dashboard: every API call is refused from now on (503, also on connections kept alive and under
     * an application's own server), every event stream ends, the runs started over HTTP that are still training
     * are cancelled (runs the application showed go on), and the dashboard's own server, if started, stops.
     * Blocks until that server has stopped; calling it again does nothing more.
     */
    @Override
    public synchronized void close() {
        closed = true;
        routes.close();
        for (ShownRun run : board.all()) {
            if (run.startedOverHttp()) {
                run.run().cancel();
            }
            run.forget();
        }
        DisposableServer bound = server;
        if (bound != null) {
            bound.disposeNow(Duration.ofSeconds(10));
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Builds a {@link Dashboard}: where it listens, its token, and its limits. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 8080;
        private String basePath = "";
        private String token;
        private int maxRuns = Runtime.getRuntime().availableProcessors();
        private long maxSteps = 10_000_000;
        private int maxUnits = 1024;
        private long maxWeights = 1_000_000;
        private int maxExamples = 1024;
        private int maxBodyBytes = 1 << 20;
        private int maxStreamClients = 256;
        private Duration eventInterval = Duration.ofMillis(100);
        private int maxShownRuns = 100;
        private final Set<String> allowedPlugins = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Sets the address to bind; 127.0.0.1 by default. Another address is logged as a warning at start.
         *
         * @param host a host name or address
         * @return this builder
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host: expected a host name or address, actual a blank string");
            }
            this.host = host;
            return this;
        }

        /**
         * Sets the port; 8080 by default, 0 for any free port.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = (int) check("port", port, 0, 65_535);
            return this;
        }

        /**
         * Sets the path under which the routes answer, for mounting into an application's server: empty by
         * default, else a path such as {@code /dashboard} (starting with a slash, not ending with one).
         *
         * @param basePath the path
         * @return this builder
         */
        public Builder basePath(String basePath) {
            Objects.requireNonNull(basePath, "basePath");
            if (!basePath.isEmpty() && (!basePath.matches("(/[A-Za-z0-9._~-]+)+"))) {
                throw new IllegalArgumentException("basePath: expected empty or a path like /dashboard (segments of"
                        + " letters, digits, '.', '_', '~', '-'), actual '" + basePath + "'");
            }
            this.basePath = basePath;
            return this;
        }

        /**
         * Sets the access token instead of a random one (at least 16 characters), for an application that
         * hands it to its users itself.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 16 || !token.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalArgumentException("token: expected at least 16 URL-safe characters (letters,"
                        + " digits, '.', '_', '~', '-'), actual " + token.length() + " characters");
            }
            this.token = token;
            return this;
        }

        /**
         * Sets how many runs started over HTTP may train at once (429 beyond); the number of cores by default.
         *
         * @param maxRuns at least 1
         * @return this builder
         */
        public Builder maxRuns(int maxRuns) {
            this.maxRuns = (int) check("maxRuns", maxRuns, 1, 10_000);
            return this;
        }

        /**
         * Sets the most steps a run started over HTTP may ask for (400 beyond); 10,000,000 by default.
         *
         * @param maxSteps at least 1
         * @return this builder
         */
        public Builder maxSteps(long maxSteps) {
            this.maxSteps = check("maxSteps", maxSteps, 1, Long.MAX_VALUE);
            return this;
        }

        /**
         * Sets the size of a network started over HTTP: units per layer (1024 by default) and weights in all
         * (1,000,000 by default); 400 beyond.
         *
         * @param maxUnits at least 1
         * @param maxWeights at least 1
         * @return this builder
         */
        public Builder maxNetwork(int maxUnits, long maxWeights) {
            this.maxUnits = (int) check("maxUnits", maxUnits, 1, Integer.MAX_VALUE);
            this.maxWeights = check("maxWeights", maxWeights, 1, Long.MAX_VALUE);
            return this;
        }

        /**
         * Sets the most examples of inline data in a run's spec (400 beyond); 1024 by default.
         *
         * @param maxExamples at least 1
         * @return this builder
         */
        public Builder maxExamples(int maxExamples) {
            this.maxExamples = (int) check("maxExamples", maxExamples, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the largest request body (413 beyond); 1 MiB by default.
         *
         * @param maxBodyBytes at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = (int) check("maxBodyBytes", maxBodyBytes, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets how many event-stream clients one run may have at once (429 beyond); 256 by default.
         *
         * @param maxStreamClients at least 1
         * @return this builder
         */
        public Builder maxStreamClients(int maxStreamClients) {
            this.maxStreamClients = (int) check("maxStreamClients", maxStreamClients, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the least time between two step events of one stream; 100 ms by default.
         *
         * @param eventInterval from 1 ms to 1 minute
         * @return this builder
         */
        public Builder eventInterval(Duration eventInterval) {
            Objects.requireNonNull(eventInterval, "eventInterval");
            if (eventInterval.compareTo(Duration.ofMillis(1)) < 0 || eventInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("eventInterval: expected 1 ms to 1 minute, actual " + eventInterval);
            }
            this.eventInterval = eventInterval;
            return this;
        }

        /**
         * Sets how many runs the dashboard keeps showing: beyond it, the oldest ended runs are forgotten;
         * 100 by default.
         *
         * @param maxShownRuns at least 1
         * @return this builder
         */
        public Builder maxShownRuns(int maxShownRuns) {
            this.maxShownRuns = (int) check("maxShownRuns", maxShownRuns, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Allows runs started over HTTP to use these plugins too, beyond {@link #SAFE_PLUGINS}: plugins that write
         * files ({@code history}, {@code progress}) or the application's own.
         *
         * @param ids plugin ids
         * @return this builder
         */
        public Builder allowPlugins(String... ids) {
            for (String id : List.of(ids)) {
                allowedPlugins.add(Objects.requireNonNull(id, "ids"));
            }
            return this;
        }

        /**
         * Builds the dashboard; it finds the plugins on the class path now and reads the page's files from its jar.
         *
         * @return the dashboard, not started
         */
        public Dashboard build() {
            return new Dashboard(this);
        }

        private static long check(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": expected " + min + " to " + max + ", actual " + value);
            }
            return value;
        }
    }
}
