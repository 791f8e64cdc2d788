package dev.backflux.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checked option values of one plugin in one run: what was given, or else the declared defaults.
 * Immutable.
 */
public final class PluginOptions {

    private final String pluginId;
    private final Map<String, Object> values;

    private PluginOptions(String pluginId, Map<String, Object> values) {
        this.pluginId = pluginId;
        this.values = values;
    }

    /**
     * Checks the values given for a plugin against the options it declares.
     *
     * @param plugin the plugin
     * @param given option values by name, each of the option's type or a string; later maps win
     * @return the checked options, never {@code null}
     * @throws IllegalArgumentException naming the plugin, the option and the accepted values if a name is
     *                                  not declared or a value is not accepted
     */
    @SafeVarargs
    public static PluginOptions of(Plugin plugin, Map<String, ?>... given) {
        Objects.requireNonNull(plugin, "plugin");
        Map<String, PluginOption<?>> declared = new LinkedHashMap<>();
        for (PluginOption<?> option : plugin.options()) {
            declared.put(option.name(), option);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (PluginOption<?> option : declared.values()) {
            option.defaultValue().ifPresent(value -> values.put(option.name(), value));
        }
        for (Map<String, ?> map : given) {
            for (Map.Entry<String, ?> entry : map.entrySet()) {
                PluginOption<?> option = declared.get(entry.getKey());
                if (option == null) {
                    throw new IllegalArgumentException(plugin.id() + ": unknown option '" + entry.getKey()
                            + "'; expected " + (declared.isEmpty() ? "none (it takes no options)" : "one of " + declared.keySet()));
                }
                try {
                    values.put(option.name(), option.convert(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(plugin.id() + ": " + e.getMessage(), e);
                }
            }
        }
        return new PluginOptions(plugin.id(), Collections.unmodifiableMap(values));
    }

    /**
     * Returns an option's value.
     *
     * @param option an option the plugin declares
     * @param <T> its type
     * @return the given value or else the default
     * @throws NoSuchElementException if the option is optional and was not given; use {@link #find} for those
     */
    public <T> T get(PluginOption<T> option) {
        return find(option).orElseThrow(() -> new NoSuchElementException(pluginId + ": option '" + option.name()
                + "' has no value and no default"));
    }

    /**
     * Returns an option's value, if it was given or has a default.
     *
     * @param option an option the plugin declares
     * @param <T> its type
     * @return the value, or an empty optional
     */
    public <T> Optional<T> find(PluginOption<T> option) {
        return Optional.ofNullable(values.get(option.name())).map(option.type()::cast);
    }

    /**
     * Returns every value, by option name, for logs and listings.
     *
     * @return an unmodifiable map, in declaration order
     */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Enum
                        ? PluginOption.choiceName((Enum<?>) e.getValue()) : e.getValue()))
                .collect(Collectors.joining(", ", pluginId + "{", "}"));
    }
}
