package dev.backflux.engine;

import dev.backflux.api.spi.Plugin;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins found with {@link ServiceLoader}, by id. Discovery is defensive and loud: a provider that
 * fails to load is reported (class, cause) and skipped; two providers with one id fail discovery.
 */
final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Guards against an iterator that keeps failing on the same entry. */
    private static final int MAX_FAILURES = 1_000;

    private final Map<String, Plugin> byId;
    private final List<String> failures;

    private PluginRegistry(Map<String, Plugin> byId, List<String> failures) {
        this.byId = Collections.unmodifiableMap(byId);
        this.failures = List.copyOf(failures);
    }

    /**
     * Discovers the plugins that {@code loader} sees.
     *
     * @throws IllegalStateException if two plugins share an id, naming the id and both classes
     */
    static PluginRegistry load(ClassLoader loader) {
        Map<String, Plugin> byId = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<Plugin> providers = ServiceLoader.load(Plugin.class, loader).iterator();
        while (failures.size() < MAX_FAILURES) {
            Plugin plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError error) {
                failures.add(error.getMessage() + (error.getCause() == null ? "" : " (cause: " + error.getCause() + ")"));
                LOG.warn("A Backflux plugin failed to load and is skipped: {}", error.getMessage(), error);
                continue;
            }
            String id = idOf(plugin, failures);
            if (id == null) {
                continue;
            }
            Plugin other = byId.putIfAbsent(id, plugin);
            if (other != null) {
                throw new IllegalStateException("Two Backflux plugins have the id '" + id + "': "
                        + other.getClass().getName() + " (" + location(other) + ") and "
                        + plugin.getClass().getName() + " (" + location(plugin) + ")");
            }
            LOG.debug("Found Backflux plugin '{}': {} in {}", id, plugin.getClass().getName(), location(plugin));
        }
        return new PluginRegistry(byId, failures);
    }

    private static String idOf(Plugin plugin, List<String> failures) {
        String className = plugin.getClass().getName();
        try {
            String id = plugin.id();
            if (id != null && ID.matcher(id).matches()) {
                return id;
            }
            String problem = "Backflux plugin " + className + " has an invalid id '" + id
                    + "': expected lower-case words joined by hyphens";
            failures.add(problem);
            LOG.warn("{}; it is skipped", problem);
        } catch (RuntimeException e) {
            failures.add("Backflux plugin " + className + " failed to tell its id (cause: " + e + ")");
            LOG.warn("Backflux plugin {} failed to tell its id and is skipped", className, e);
        }
        return null;
    }

    private static String location(Plugin plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
    }

    /**
     * Returns this registry with {@code instances} (plugins a run was given in code, by id) in the place of the
     * discovered plugins of the same ids.
     *
     * @throws IllegalArgumentException if an instance's id is not lower-case words joined by hyphens
     */
    PluginRegistry with(Map<String, Plugin> instances) {
        if (instances.isEmpty()) {
            return this;
        }
        Map<String, Plugin> merged = new TreeMap<>(byId);
        instances.forEach((id, plugin) -> {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("plugin: expected an id of lower-case words joined by hyphens, actual '"
                        + id + "' (" + plugin.getClass().getName() + ")");
            }
            merged.put(id, plugin);
        });
        return new PluginRegistry(merged, failures);
    }

    /** Returns the plugin with this id, or null. */
    Plugin find(String id) {
        return byId.get(id);
    }

    /** Returns every plugin, sorted by id. */
    List<Plugin> all() {
        return List.copyOf(byId.values());
    }

    /** Returns the ids of every plugin, sorted. */
    List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Returns the providers that failed to load, each as its class and cause. */
    List<String> failures() {
        return failures;
    }
}
