package dev.backflux.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PluginOptionsTests {

    enum Monitor { AUTO, TRAINING, VALIDATION }

    enum OnDivergence { FAIL, STOP_QUIETLY }

    static final PluginOption<Long> EVERY = PluginOption.integer("every", "log one step in this many", 1000L, 1, Long.MAX_VALUE);
    static final PluginOption<Double> TARGET = PluginOption.decimal("target", "stop at this error", null, 0, 1);
    static final PluginOption<Boolean> RESTORE = PluginOption.flag("restore-best", "end with the best step", false);
    static final PluginOption<Duration> MAX = PluginOption.duration("max-duration", "stop after this long", null);
    static final PluginOption<Monitor> MONITOR = PluginOption.choice("monitor", "which error", Monitor.AUTO);
    static final PluginOption<OnDivergence> ON = PluginOption.choice("on-divergence", "what to do", OnDivergence.FAIL);
    static final PluginOption<Path> FILE = PluginOption.path("file", "where", Path.of("history.csv"));

    private final Plugin plugin = new Plugin() {
        @Override
        public String id() {
            return "test";
        }

        @Override
        public List<PluginOption<?>> options() {
            return List.of(EVERY, TARGET, RESTORE, MAX, MONITOR, ON, FILE);
        }
    };

    @Test
    void defaultsApplyAndOptionalOptionsAreAbsent() {
        PluginOptions options = PluginOptions.of(plugin);

        assertEquals(1000L, options.get(EVERY));
        assertEquals(false, options.get(RESTORE));
        assertEquals(Monitor.AUTO, options.get(MONITOR));
        assertEquals(Path.of("history.csv"), options.get(FILE));
        assertTrue(options.find(TARGET).isEmpty());
        assertEquals("test: option 'target' has no value and no default",
                assertThrows(NoSuchElementException.class, () -> options.get(TARGET)).getMessage());
    }

    @Test
    void stringsAreParsedIntoEveryType() {
        PluginOptions options = PluginOptions.of(plugin, Map.of("every", "50", "target", "0.01",
                "restore-best", "TRUE", "max-duration", "250ms", "monitor", "validation",
                "on-divergence", "stop-quietly", "file", "out/h.csv"));

        assertEquals(50L, options.get(EVERY));
        assertEquals(0.01, options.get(TARGET));
        assertEquals(true, options.get(RESTORE));
        assertEquals(Duration.ofMillis(250), options.get(MAX));
        assertEquals(Monitor.VALIDATION, options.get(MONITOR));
        assertEquals(OnDivergence.STOP_QUIETLY, options.get(ON));
        assertEquals(Path.of("out/h.csv"), options.get(FILE));
        assertEquals(Duration.ofSeconds(30), PluginOptions.of(plugin, Map.of("max-duration", "PT30S")).get(MAX));
        assertEquals(Duration.ofMinutes(5), PluginOptions.of(plugin, Map.of("max-duration", "5m")).get(MAX));
    }

    @Test
    void typedValuesAreAcceptedAndLaterMapsWin() {
        PluginOptions options = PluginOptions.of(plugin, Map.of("every", 10, "target", 0.5, "monitor", Monitor.TRAINING),
                Map.of("every", "20"));

        assertEquals(20L, options.get(EVERY));
        assertEquals(0.5, options.get(TARGET));
        assertEquals(Monitor.TRAINING, options.get(MONITOR));
        assertEquals("test{every=20, restore-best=false, monitor=training, on-divergence=fail, file=history.csv, target=0.5}",
                options.toString());
    }

    @Test
    void rejectedValuesNameThePluginTheOptionAndTheAcceptedValues() {
        assertRejected("test: option 'every': expected an integer in [1, 9223372036854775807], actual '0'", "every", "0");
        assertRejected("test: option 'every': expected an integer in [1, 9223372036854775807], actual 'ten'", "every", "ten");
        assertRejected("test: option 'every': expected an integer in [1, 9223372036854775807], actual 1.5 (Double)", "every", 1.5);
        assertRejected("test: option 'target': expected a number in [0.0, 1.0], actual 'NaN'", "target", "NaN");
        assertRejected("test: option 'target': expected a number in [0.0, 1.0], actual 2.0 (Double)", "target", 2.0);
        assertRejected("test: option 'restore-best': expected true or false, actual 'yes'", "restore-best", "yes");
        assertRejected("test: option 'max-duration': expected a positive duration such as 500ms, 30s, 5m, 2h or PT30S,"
                + " actual 'soon'", "max-duration", "soon");
        assertRejected("test: option 'max-duration': expected a positive duration such as 500ms, 30s, 5m, 2h or PT30S,"
                + " actual '0s'", "max-duration", "0s");
        assertRejected("test: option 'monitor': expected one of [auto, training, validation], actual 'loss'", "monitor", "loss");
        assertRejected("test: option 'file': expected a file path, actual ' '", "file", " ");
    }

    @Test
    void anUnknownOptionNameIsRejectedListingTheDeclaredOnes() {
        assertEquals("test: unknown option 'evry'; expected one of [every, target, restore-best, max-duration, monitor,"
                        + " on-divergence, file]",
                assertThrows(IllegalArgumentException.class, () -> PluginOptions.of(plugin, Map.of("evry", 3)))
                        .getMessage());
    }

    @Test
    void optionNamesAndDefaultsAreCheckedWhenDeclared() {
        assertEquals("name: expected lower-case words joined by hyphens, actual 'Every'",
                assertThrows(IllegalArgumentException.class,
                        () -> PluginOption.integer("Every", "", 1L, 1, 2)).getMessage());
        assertEquals("defaultValue: expected an integer in [1, 2], actual 3",
                assertThrows(IllegalArgumentException.class,
                        () -> PluginOption.integer("every", "", 3L, 1, 2)).getMessage());
    }

    @Test
    void anOptionDescribesItself() {
        assertEquals("every (an integer in [1, 9223372036854775807], default 1000)", EVERY.toString());
        assertEquals("target (a number in [0.0, 1.0], optional)", TARGET.toString());
        assertEquals("on-divergence (one of [fail, stop-quietly], default fail)", ON.toString());
    }

    @Test
    void aTextOptionTakesOneLineOfAtMostItsLength() {
        PluginOption<String> name = PluginOption.text("name", "the run's name", null, 8);
        assertEquals("tutorial", name.convert("tutorial"));
        assertEquals("a b", name.convert("a b"));
        String accepted = "expected a text of 1 to 8 characters, not blank, without control characters";
        assertEquals("option 'name': " + accepted + ", actual 'tutorials'",
                assertThrows(IllegalArgumentException.class, () -> name.convert("tutorials")).getMessage());
        assertEquals("option 'name': " + accepted + ", actual '  '",
                assertThrows(IllegalArgumentException.class, () -> name.convert("  ")).getMessage());
        assertEquals("option 'name': " + accepted + ", actual 'a\nb'",
                assertThrows(IllegalArgumentException.class, () -> name.convert("a\nb")).getMessage());
        assertEquals("option 'name': " + accepted + ", actual 7 (Integer)",
                assertThrows(IllegalArgumentException.class, () -> name.convert(7)).getMessage());
        assertEquals("maxLength: expected at least 1, actual 0",
                assertThrows(IllegalArgumentException.class, () -> PluginOption.text("name", "", null, 0))
                        .getMessage());
    }

    private void assertRejected(String message, String name, Object value) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> PluginOptions.of(plugin, Map.of(name, value))).getMessage());
    }
}
