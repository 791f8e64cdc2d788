package dev.backflux.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Backflux on a Hazelcast cluster: runs and sweeps submitted from any member or client, trained on the members,
 * watched from anywhere.
 *
 * <pre>{@code
 * try (BackfluxCluster cluster = BackfluxCluster.member()
 *         .port(5701).members("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703")
 *         .start()) {
 *     ClusterSweep sweep = cluster.submit(specs);                 // a list of RunSpec
 *     List<TrainingResult> results = sweep.results().collectList().block();   // in submission order
 * }
 * }</pre>
 *
 * <p><b>Members and clients.</b> A member ({@link #member()}) is a Hazelcast member embedded in this JVM: it
 * keeps a share of the cluster's data (each entry with one backup on another member) and trains at most
 * {@link MemberBuilder#maxRuns(int)} runs at once (by default one per core). A client ({@link #client()})
 * connects to the members, keeps no data and trains nothing: it submits, watches and collects. Both discover the
 * members from an explicit list; multicast and Hazelcast's cloud auto-detection are off, and Hazelcast's phone
 * home is off.
 *
 * <p><b>The queue.</b> A submitted run's spec (JSON, see {@link RunSpec#toJson()}) goes to the map
 * {@value #SPECS}, its record to {@value #RUNS}, queued. Members with a free slot claim the oldest queued run with
 * an atomic replace of its record (one wins), so runs start in submission order on whichever members have room,
 * and a member never holds more than its slots. A member checkpoints each run it trains without plugins into
 * {@value #CHECKPOINTS}; when a member leaves, the others put the runs it held back in the queue, and the member
 * that takes one resumes it from its newest checkpoint (or from step 0). A run's result goes to {@value #RESULTS};
 * its steps, at most one per
 * {@link MemberBuilder#publishInterval(Duration) publish interval} (the latest), to a ringbuffer of
 * {@value #STEPS_KEPT} items named {@value #STEPS_PREFIX} and the run's id.
 *
 * <p>Every participant needs {@code backflux-engine} (and the plugins the runs use) on its class path: members
 * train with it, and watchers rebuild steps and results with it (see {@link ClusterRun#steps()}).
 */
public final class BackfluxCluster implements AutoCloseable {

    /** The cluster name members and clients use unless told otherwise. */
    public static final String DEFAULT_CLUSTER_NAME = "backflux";

    /** The port a member listens on unless told otherwise (Hazelcast's own default). */
    public static final int DEFAULT_PORT = 5701;

    /** The map of submitted runs' specs, by run id (JSON text). */
    public static final String SPECS = "backflux-specs";

    /** The map of runs' records, by run id: the queue. */
    public static final String RUNS = "backflux-runs";

    /** The map of ended runs' results, by run id. */
    public static final String RESULTS = "backflux-results";

    /** The map of running runs' newest checkpoints, by run id. */
    public static final String CHECKPOINTS = "backflux-checkpoints";

    /** The map of runs whose cancellation was asked, by run id. */
    public static final String CANCELS = "backflux-cancels";

    /** The prefix of each run's ringbuffer of steps. */
    public static final String STEPS_PREFIX = "backflux-steps-";

    /** The steps each run's ringbuffer keeps: the newest ones. */
    public static final int STEPS_KEPT = 8;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final HazelcastInstance hazelcast;
    private final boolean member;
    private final int maxRuns;
    private final Worker worker;
    private final Results results;

    private BackfluxCluster(HazelcastInstance hazelcast, boolean member, int maxRuns, Duration publishInterval,
            Duration checkpointInterval) {
        this.hazelcast = hazelcast;
        this.member = member;
        this.maxRuns = maxRuns;
        try {
            this.results = new Results(hazelcast, !member);
            this.worker = member && maxRuns > 0 ? new Worker(hazelcast, maxRuns, publishInterval, checkpointInterval) : null;
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            throw e;
        }
    }

    /**
     * Starts configuring a member embedded in this JVM.
     *
     * @return a new builder, never {@code null}
     */
    public static MemberBuilder member() {
        return new MemberBuilder();
    }

    /**
     * Starts configuring a client of a cluster's members.
     *
     * @return a new builder, never {@code null}
     */
    public static ClientBuilder client() {
        return new ClientBuilder();
    }

    /**
     * Submits one run: checks its spec ({@link RunSpec#check()}), then queues it in the cluster. The returned
     * handle's {@link ClusterRun#result()} and {@link ClusterRun#steps()} report a failure to queue it.
     *
     * @param spec the run
     * @return the run's handle, never {@code null}
     * @throws RunSpecException if the spec names a plugin or option this JVM's class path does not accept
     * @throws IllegalStateException if this cluster handle is closed
     */
    public ClusterRun submit(RunSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return submit(List.of(spec)).runs().get(0);
    }

    /**
     * Submits a sweep: checks every spec first (none is queued if one is refused), then queues them in order.
     *
     * @param specs the runs, in the order their results are collected by {@link ClusterSweep#results()}
     * @return the sweep, never {@code null}
     * @throws RunSpecException if a spec is refused; the message starts with its index ({@code specs[3]: ...})
     * @throws IllegalArgumentException if {@code specs} is empty
     * @throws IllegalStateException if this cluster handle is closed
     */
    public ClusterSweep submit(List<RunSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("specs: expected at least one run, actual none");
        }
        checkOpen();
        for (int i = 0; i < specs.size(); i++) {
            RunSpec spec = Objects.requireNonNull(specs.get(i), "specs[" + i + "]");
            try {
                spec.check();
            } catch (RunSpecException e) {
                throw specs.size() == 1 ? e : e.under("specs[" + i + "]");
            }
        }
        Map<String, String> specsById = new LinkedHashMap<>();
        Map<String, com.hazelcast.core.HazelcastJsonValue> records = new LinkedHashMap<>();
        List<ClusterRun> runs = new ArrayList<>();
        long base = System.currentTimeMillis() << 20;
        for (RunSpec spec : specs) {
            String id = java.util.UUID.randomUUID().toString();
            specsById.put(id, spec.toJson());
            records.put(id, RunRecord.queued(base + (SEQUENCE.incrementAndGet() & 0xFFFFF)).json());
            runs.add(new ClusterRun(this, id, spec));
        }
        Mono<Void> queued = Mono.fromCompletionStage(() -> hazelcast.<String, String>getMap(SPECS).putAllAsync(specsById))
                .then(Mono.fromCompletionStage(() -> hazelcast.<String, com.hazelcast.core.HazelcastJsonValue>getMap(RUNS)
                        .putAllAsync(records)))
                .then()
                .cache();
        queued.subscribe(done -> { }, error -> { });
        runs.forEach(run -> run.queued(queued));
        return new ClusterSweep(runs);
    }

    /**
     * Submits runs as they come, in order, each checked and queued as {@link #submit(RunSpec)} does.
     *
     * @param specs the runs
     * @return the runs' handles in the order of {@code specs}; a refused spec ends it with its
     *         {@link RunSpecException}
     */
    public Flux<ClusterRun> submitAll(Flux<RunSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        return specs.concatMap(spec -> {
            ClusterRun run = submit(spec);
            return run.queued().thenReturn(run);
        });
    }

    /**
     * Returns a handle to any run of the cluster, submitted from anywhere, by its id.
     *
     * @param id the run's id ({@link ClusterRun#id()})
     * @return the handle, never {@code null}; its streams fail with {@link IllegalArgumentException} if the
     *         cluster knows no such run
     */
    public ClusterRun run(String id) {
        Objects.requireNonNull(id, "id");
        return new ClusterRun(this, id, null);
    }

    /**
     * Tells whether this handle is a member (true) or a client (false).
     *
     * @return {@code true} for a member
     */
    public boolean isMember() {
        return member;
    }

    /**
     * Returns how many runs this participant trains at once.
     *
     * @return at least 0; 0 for a client or a member that trains nothing
     */
    public int maxRuns() {
        return worker == null ? 0 : maxRuns;
    }

    /**
     * Returns the ids of the runs this member trains now.
     *
     * @return a snapshot, empty on a client; never {@code null}
     */
    public List<String> runningHere() {
        return worker == null ? List.of() : worker.running();
    }

    /**
     * Returns the Hazelcast instance underneath: a member or a client. Closing it closes this handle's use of it.
     *
     * @return the instance, never {@code null}
     */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Leaves the cluster: a member stops its runs and puts them back in the queue for the other members (with
     * their attempt counted), then shuts its Hazelcast instance down gracefully (its data migrates to the others);
     * a client disconnects. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        results.close();
        hazelcast.shutdown();
    }

    void checkOpen() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            throw new IllegalStateException("This cluster handle is closed");
        }
    }

    Results results() {
        return results;
    }

    Flux<TrainingStep> watch(String id, Mono<RunSpec> spec) {
        return Watcher.steps(hazelcast, id, spec);
    }

    Mono<TrainingResult> result(String id, Mono<RunSpec> spec) {
        // The spec first: a run the cluster does not know fails there, before anything waits for its result. Then,
        // once the result is there, its record too, so that status() says DONE to whoever saw the result.
        // The result is rebuilt (its steps trained again) on Reactor's parallel scheduler, never on the Hazelcast
        // thread that completes the read.
        return spec.flatMap(runSpec -> results.await(id)
                .flatMap(bytes -> done(id).thenReturn(bytes))
                .publishOn(Schedulers.parallel())
                .flatMap(bytes -> Rebuild.result(runSpec, Codec.result(bytes))));
    }

    /**
     * The run's status once its record says DONE: its member writes the result, the end of its steps, then the
     * record, a moment apart. Waits up to 5 s (polling every 50 ms), then gives the status as it is: a member lost
     * between the result and the record leaves the run RUNNING until another member has run it again.
     */
    private Mono<RunStatus> done(String id) {
        return Flux.range(0, 100)
                .concatMap(poll -> (poll == 0 ? Mono.<Long>empty() : Mono.delay(Duration.ofMillis(50)))
                        .then(status(id)))
                .takeUntil(status -> status.state() == RunState.DONE)
                .last();
    }

    Mono<RunSpec> spec(String id) {
        return Mono.fromCompletionStage(() -> hazelcast.<String, String>getMap(SPECS).getAsync(id))
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("id: expected a run of this cluster,"
                        + " actual '" + id + "', which it does not know")))
                // A spec may refer to a data file: read off Hazelcast's threads and Reactor's non-blocking ones.
                .publishOn(Schedulers.boundedElastic())
                .map(RunSpec::fromJson);
    }

    Mono<Void> forget(String id) {
        Mono<RunStatus> ended = Mono.fromCompletionStage(() -> hazelcast.<String, byte[]>getMap(RESULTS).getAsync(id))
                .flatMap(result -> done(id))
                .switchIfEmpty(Mono.defer(() -> status(id)));
        return ended.flatMap(status -> {
            if (status.state() != RunState.DONE) {
                return Mono.error(new IllegalStateException("forget: expected a run that has ended, actual run " + id
                        + " " + status.state().name().toLowerCase(java.util.Locale.ROOT)));
            }
            return Mono.when(
                    Mono.fromCompletionStage(() -> hazelcast.getMap(RESULTS).deleteAsync(id)),
                    Mono.fromCompletionStage(() -> hazelcast.getMap(CHECKPOINTS).deleteAsync(id)),
                    Mono.fromCompletionStage(() -> hazelcast.getMap(CANCELS).deleteAsync(id)),
                    Mono.fromCompletionStage(() -> hazelcast.getMap(SPECS).deleteAsync(id)))
                    .then(Mono.fromCompletionStage(() -> hazelcast.getMap(RUNS).deleteAsync(id)))
                    // Destroying a proxy is a blocking call: off Reactor's non-blocking threads.
                    .then(Mono.fromRunnable(() -> hazelcast.getRingbuffer(STEPS_PREFIX + id).destroy())
                            .subscribeOn(Schedulers.boundedElastic()))
                    .then();
        });
    }

    Mono<Void> cancel(String id) {
        return Mono.fromCompletionStage(() -> hazelcast.<String, Boolean>getMap(CANCELS).setAsync(id, Boolean.TRUE))
                .then();
    }

    Mono<RunStatus> status(String id) {
        return Mono.fromCompletionStage(() -> hazelcast.<String, com.hazelcast.core.HazelcastJsonValue>getMap(RUNS)
                        .getAsync(id))
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("id: expected a run of this cluster,"
                        + " actual '" + id + "', which it does not know")))
                .map(value -> RunRecord.of(value).status());
    }

    /** Adds the structures' configuration the cluster needs to a member's, unless the member's config has it. */
    static void addStructures(Config config) {
        for (String map : List.of(SPECS, RUNS, RESULTS, CHECKPOINTS, CANCELS)) {
            if (!config.getMapConfigs().containsKey(map)) {
                config.addMapConfig(new MapConfig(map).setBackupCount(1));
            }
        }
        String steps = STEPS_PREFIX + "*";
        if (!config.getRingbufferConfigs().containsKey(steps)) {
            config.addRingBufferConfig(new RingbufferConfig(steps).setCapacity(STEPS_KEPT).setBackupCount(1));
        }
    }

    /**
     * Configures and starts a member embedded in this JVM. By default it listens on 127.0.0.1:5701 only, joins
     * the members of an explicit list (itself by default) over TCP, with multicast and cloud auto-detection off,
     * and trains one run per core. {@link #config(Config)} starts from a Hazelcast configuration instead (built in
     * code or loaded from Hazelcast's own XML or YAML files), which then decides the network and discovery.
     */
    public static final class MemberBuilder {

        private String clusterName = DEFAULT_CLUSTER_NAME;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private List<String> members;
        private int maxRuns = Runtime.getRuntime().availableProcessors();
        private Duration publishInterval = Duration.ofMillis(50);
        private Duration checkpointInterval = Duration.ofSeconds(5);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Config config;
        private boolean lite;

        private MemberBuilder() {
        }

        /**
         * Sets the cluster's name: members and clients join only a cluster of the same name.
         *
         * @param clusterName not blank; {@value BackfluxCluster#DEFAULT_CLUSTER_NAME} by default
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public MemberBuilder clusterName(String clusterName) {
            this.clusterName = notBlank(clusterName, "clusterName");
            return this;
        }

        /**
         * Sets the address the member listens on, and the only one it binds.
         *
         * @param host an IP address of this machine; 127.0.0.1 by default
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public MemberBuilder host(String host) {
            this.host = notBlank(host, "host");
            return this;
        }

        /**
         * Sets the port the member listens on (no other is tried).
         *
         * @param port 1 to 65535; {@value BackfluxCluster#DEFAULT_PORT} by default
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public MemberBuilder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: expected 1 to 65535, actual " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the members to join, as {@code host:port}; this member may be among them.
         *
         * @param members at least one address; this member's own address by default
         * @return this builder
         * @throws IllegalArgumentException if none is given or one is blank
         */
        public MemberBuilder members(String... members) {
            Objects.requireNonNull(members, "members");
            if (members.length == 0) {
                throw new IllegalArgumentException("members: expected at least one host:port, actual none");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < members.length; i++) {
                list.add(notBlank(members[i], "members[" + i + "]"));
            }
            this.members = list;
            return this;
        }

        /**
         * Sets how many runs this member trains at once; more wait in the cluster's queue.
         *
         * @param maxRuns at least 0 (0: the member keeps data and watches, but trains nothing); the number of
         *                cores by default
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public MemberBuilder maxRuns(int maxRuns) {
            if (maxRuns < 0) {
                throw new IllegalArgumentException("maxRuns: expected at least 0, actual " + maxRuns);
            }
            this.maxRuns = maxRuns;
            return this;
        }

        /**
         * Makes this a lite member (Hazelcast's term): it keeps no share of the cluster's data and trains
         * nothing, but sees the cluster as a member does. For an application that submits and watches from a
         * JVM that must not hold runs or data.
         *
         * @param lite {@code true} for a lite member; {@code false} by default
         * @return this builder
         */
        public MemberBuilder lite(boolean lite) {
            this.lite = lite;
            return this;
        }

        /**
         * Sets how often a run this member trains publishes its latest step to the cluster: at most one step per
         * interval (plus the last), so that a fast run does not flood the network.
         *
         * @param publishInterval at least zero (zero: as fast as the cluster takes them); 50 ms by default
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public MemberBuilder publishInterval(Duration publishInterval) {
            Objects.requireNonNull(publishInterval, "publishInterval");
            if (publishInterval.isNegative()) {
                throw new IllegalArgumentException("publishInterval: expected at least zero, actual " + publishInterval);
            }
            this.publishInterval = publishInterval;
            return this;
        }

        /**
         * Sets how often a run this member trains leaves a checkpoint in the cluster (its weights, in the map
         * {@value BackfluxCluster#CHECKPOINTS}, with a backup on another member): if this member is lost, the member
         * that takes the run over resumes it from its newest checkpoint. Only runs without plugins are checkpointed
         * (a plugin's state, such as early stopping's patience, would start again on resuming, and the result would
         * differ from the run that never moved); the others start again from step 0.
         *
         * @param checkpointInterval at least zero (zero: no checkpoints, a lost run starts again from step 0);
         *                           5 seconds by default
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public MemberBuilder checkpointInterval(Duration checkpointInterval) {
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
            if (checkpointInterval.isNegative()) {
                throw new IllegalArgumentException("checkpointInterval: expected at least zero, actual "
                        + checkpointInterval);
            }
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        /**
         * Sets a Hazelcast property (see Hazelcast's {@code ClusterProperty}), such as
         * {@code hazelcast.max.no.heartbeat.seconds}.
         *
         * @param name the property's name
         * @param value its value
         * @return this builder
         */
        public MemberBuilder property(String name, String value) {
            properties.put(notBlank(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts from this Hazelcast configuration, such as {@code Config.loadFromFile(file)} or
         * {@code new YamlConfigBuilder(stream).build()}: its cluster name, network and discovery apply, and this
         * builder's {@code clusterName}, {@code host}, {@code port} and {@code members} do not. Backflux adds its
         * maps and ringbuffers where the configuration has none of those names, turns phone home off and logs
         * through SLF4J unless the configuration chose a logging type.
         *
         * @param config the configuration
         * @return this builder
         */
        public MemberBuilder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Starts the member and joins the cluster, waiting until it has.
         *
         * @return the started member, never {@code null}
         * @throws IllegalStateException if Hazelcast cannot start (a port in use, say)
         */
        public BackfluxCluster start() {
            Config built = config != null ? config : network(new Config());
            built.setProperty("hazelcast.phone.home.enabled", "false");
            if (built.getProperty("hazelcast.logging.type") == null) {
                built.setProperty("hazelcast.logging.type", "slf4j");
            }
            properties.forEach(built::setProperty);
            addStructures(built);
            if (lite) {
                built.setLiteMember(true);
            }
            return new BackfluxCluster(Hazelcast.newHazelcastInstance(built), true, lite ? 0 : maxRuns,
                    publishInterval, checkpointInterval);
        }

        private Config network(Config built) {
            built.setClusterName(clusterName);
            built.getJetConfig().setEnabled(false);
            NetworkConfig network = built.getNetworkConfig();
            network.setPort(port).setPortAutoIncrement(false);
            network.getInterfaces().setEnabled(true).addInterface(host);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(members != null ? members : List.of(host + ":" + port));
            // Bind the given address only, not every interface of the machine.
            built.setProperty("hazelcast.socket.bind.any", "false");
            built.setProperty("hazelcast.local.localAddress", host);
            return built;
        }
    }

    /**
     * Configures and starts a client of a cluster's members: it submits, watches and collects, and trains nothing.
     * It reconnects by itself after losing the cluster, and its watchers go on where they were.
     */
    public static final class ClientBuilder {

        private String clusterName = DEFAULT_CLUSTER_NAME;
        private List<String> members = List.of("127.0.0.1:" + DEFAULT_PORT);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private ClientConfig config;

        private ClientBuilder() {
        }

        /**
         * Sets the name of the cluster to connect to.
         *
         * @param clusterName not blank; {@value BackfluxCluster#DEFAULT_CLUSTER_NAME} by default
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public ClientBuilder clusterName(String clusterName) {
            this.clusterName = notBlank(clusterName, "clusterName");
            return this;
        }

        /**
         * Sets the members to connect to, as {@code host:port}.
         *
         * @param members at least one address; {@code 127.0.0.1:5701} by default
         * @return this builder
         * @throws IllegalArgumentException if none is given or one is blank
         */
        public ClientBuilder members(String... members) {
            Objects.requireNonNull(members, "members");
            if (members.length == 0) {
                throw new IllegalArgumentException("members: expected at least one host:port, actual none");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < members.length; i++) {
                list.add(notBlank(members[i], "members[" + i + "]"));
            }
            this.members = list;
            return this;
        }

        /**
         * Sets how long {@link #start()}, and each reconnection, tries to reach the cluster before giving up.
         *
         * @param connectTimeout positive; 30 seconds by default
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public ClientBuilder connectTimeout(Duration connectTimeout) {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.isZero() || connectTimeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout: expected a positive duration, actual "
                        + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Sets a Hazelcast client property (see Hazelcast's {@code ClientProperty}).
         *
         * @param name the property's name
         * @param value its value
         * @return this builder
         */
        public ClientBuilder property(String name, String value) {
            properties.put(notBlank(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts from this Hazelcast client configuration, such as {@code ClientConfig.loadFromFile(file)}: its
         * cluster name, addresses and connection strategy apply, and this builder's {@code clusterName},
         * {@code members} and {@code connectTimeout} do not.
         *
         * @param config the configuration
         * @return this builder
         */
        public ClientBuilder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Connects to the cluster, waiting until it has.
         *
         * @return the connected client, never {@code null}
         * @throws IllegalStateException if no member could be reached within the connect timeout
         */
        public BackfluxCluster start() {
            ClientConfig built = config;
            if (built == null) {
                built = new ClientConfig();
                built.setClusterName(clusterName);
                built.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
                built.getNetworkConfig().addAddress(members.toArray(String[]::new));
                built.getConnectionStrategyConfig().getConnectionRetryConfig()
                        .setClusterConnectTimeoutMillis(connectTimeout.toMillis())
                        .setInitialBackoffMillis(100).setMaxBackoffMillis(2_000);
            }
            if (built.getProperty("hazelcast.logging.type") == null) {
                built.setProperty("hazelcast.logging.type", "slf4j");
            }
            properties.forEach(built::setProperty);
            return new BackfluxCluster(HazelcastClient.newHazelcastClient(built), false, 0, Duration.ZERO,
                    Duration.ZERO);
        }
    }

    private static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": expected a non-blank string, actual '" + value + "'");
        }
        return value;
    }
}
