package dev.backflux.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One option a plugin declares: its name, its type, its default and the values it accepts.
 *
 * <p>A run gives an option either as a value of its type (in code) or as a string (from a configuration
 * file or a system property); both are checked against the accepted values when the run is assembled.
 * Create options with the static factories; a {@code null} default makes the option optional.
 *
 * <pre>{@code
 * static final PluginOption<Long> EVERY =
 *         PluginOption.integer("every", "log one step in this many", 1000L, 1, Long.MAX_VALUE);
 * }</pre>
 *
 * @param <T> the option's type
 */
public final class PluginOption<T> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String name;
    private final Class<T> type;
    private final String description;
    private final T defaultValue;
    private final String accepted;
    private final Function<String, T> parser;
    private final Predicate<T> valid;

    private PluginOption(String name, Class<T> type, String description, T defaultValue, String accepted,
                         Function<String, T> parser, Predicate<T> valid) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: expected lower-case words joined by hyphens, actual '" + name + "'");
        }
        this.name = name;
        this.type = type;
        this.description = Objects.requireNonNull(description, "description");
        this.accepted = accepted;
        this.parser = parser;
        this.valid = valid;
        if (defaultValue != null && !valid.test(defaultValue)) {
            throw new IllegalArgumentException("defaultValue: expected " + accepted + ", actual " + defaultValue);
        }
        this.defaultValue = defaultValue;
    }

    /**
     * Declares a whole-number option; strings are parsed as decimal integers.
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default, or {@code null} for an optional option
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the option
     */
    public static PluginOption<Long> integer(String name, String description, Long defaultValue, long min, long max) {
        return new PluginOption<>(name, Long.class, description, defaultValue,
                "an integer in [" + min + ", " + max + "]", Long::valueOf, v -> v >= min && v <= max);
    }

    /**
     * Declares a finite decimal option.
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default, or {@code null} for an optional option
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the option
     */
    public static PluginOption<Double> decimal(String name, String description, Double defaultValue, double min, double max) {
        return new PluginOption<>(name, Double.class, description, defaultValue,
                "a number in [" + min + ", " + max + "]", Double::valueOf,
                v -> Double.isFinite(v) && v >= min && v <= max);
    }

    /**
     * Declares a yes/no option; strings {@code true} and {@code false} are accepted, in any case.
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default
     * @return the option
     */
    public static PluginOption<Boolean> flag(String name, String description, boolean defaultValue) {
        return new PluginOption<>(name, Boolean.class, description, defaultValue, "true or false",
                PluginOption::parseBoolean, v -> true);
    }

    /**
     * Declares a positive duration; strings are ISO-8601 ({@code PT30S}) or a number with a unit
     * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}).
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default, or {@code null} for an optional option
     * @return the option
     */
    public static PluginOption<Duration> duration(String name, String description, Duration defaultValue) {
        return new PluginOption<>(name, Duration.class, description, defaultValue,
                "a positive duration such as 500ms, 30s, 5m, 2h or PT30S", PluginOption::parseDuration,
                v -> !v.isNegative() && !v.isZero());
    }

    /**
     * Declares a choice among an enum's constants; strings are the constants' names in lower case with
     * hyphens for underscores ({@code ON_ERROR} is {@code on-error}).
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default; its class gives the choices
     * @param <E> the enum type
     * @return the option
     */
    public static <E extends Enum<E>> PluginOption<E> choice(String name, String description, E defaultValue) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        Class<E> type = defaultValue.getDeclaringClass();
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(PluginOption::choiceName).collect(Collectors.joining(", "));
        return new PluginOption<>(name, type, description, defaultValue, "one of [" + names + "]",
                text -> Arrays.stream(constants).filter(c -> choiceName(c).equals(text.trim().toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(IllegalArgumentException::new),
                v -> true);
    }

    /**
     * Declares a line of text, such as a name: 1 to {@code maxLength} characters, not blank, with no control
     * characters; strings are taken as written.
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default, or {@code null} for an optional option
     * @param maxLength the most characters accepted, at least 1
     * @return the option
     * @throws IllegalArgumentException if {@code maxLength} is below 1
     */
    public static PluginOption<String> text(String name, String description, String defaultValue, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength: expected at least 1, actual " + maxLength);
        }
        return new PluginOption<>(name, String.class, description, defaultValue,
                "a text of 1 to " + maxLength + " characters, not blank, without control characters",
                text -> text, v -> v.length() <= maxLength && !v.isBlank() && v.chars().noneMatch(Character::isISOControl));
    }

    /**
     * Declares a file-system path.
     *
     * @param name the option's name, lower-case words joined by hyphens
     * @param description one sentence on what it does
     * @param defaultValue the default, or {@code null} for an optional option
     * @return the option
     */
    public static PluginOption<Path> path(String name, String description, Path defaultValue) {
        return new PluginOption<>(name, Path.class, description, defaultValue, "a file path",
                text -> {
                    if (text.isBlank()) {
                        throw new IllegalArgumentException();
                    }
                    return Path.of(text.trim());
                }, v -> true);
    }

    /**
     * Returns how a choice's constant is written: lower case, hyphens for underscores.
     *
     * @param constant the enum constant
     * @return for example {@code on-error} for {@code ON_ERROR}
     */
    public static String choiceName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Boolean parseBoolean(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException();
    }

    private static Duration parseDuration(String text) {
        String value = text.trim();
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                default: return Duration.ofDays(amount);
            }
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Returns the option's name.
     *
     * @return lower-case words joined by hyphens
     */
    public String name() {
        return name;
    }

    /**
     * Returns the type of the option's values.
     *
     * @return the type, such as {@code Long.class}
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns one sentence on what the option does.
     *
     * @return the description, never {@code null}
     */
    public String description() {
        return description;
    }

    /**
     * Returns the default value, or nothing for an optional option.
     *
     * @return the default
     */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Describes the accepted values, as error messages and listings show them.
     *
     * @return for example {@code "an integer in [1, 9223372036854775807]"}
     */
    public String acceptedValues() {
        return accepted;
    }

    /**
     * Checks a value given in code or as a string and returns it as the option's type. Whole numbers are
     * accepted for decimal options, and {@code Integer} for integer options.
     *
     * @param value a value of the option's type, or a string
     * @return the checked value
     * @throws IllegalArgumentException if the value is not accepted, saying what is
     */
    public T convert(Object value) {
        Objects.requireNonNull(value, () -> "option '" + name + "': expected " + accepted + ", actual null");
        T converted;
        try {
            converted = typed(value);
        } catch (RuntimeException e) {
            throw rejected(value);
        }
        if (converted == null || !valid.test(converted)) {
            throw rejected(value);
        }
        return converted;
    }

    private T typed(Object value) {
        if (value instanceof String) {
            return parser.apply((String) value);
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == Long.class && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return type.cast(((Number) value).longValue());
        }
        if (type == Double.class && (value instanceof Number)) {
            return type.cast(((Number) value).doubleValue());
        }
        if (type == Path.class && value instanceof java.io.File) {
            return type.cast(((java.io.File) value).toPath());
        }
        return null;
    }

    private IllegalArgumentException rejected(Object value) {
        String shown = value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
        return new IllegalArgumentException("option '" + name + "': expected " + accepted + ", actual " + shown);
    }

    @Override
    public String toString() {
        return name + " (" + accepted + (defaultValue == null ? ", optional" : ", default " + shownDefault()) + ")";
    }

    private String shownDefault() {
        return defaultValue instanceof Enum ? choiceName((Enum<?>) defaultValue) : String.valueOf(defaultValue);
    }
}
