package dev.backflux.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@link Matrix} is read-only only if no caller can build one over an array it still holds: the zero-copy
 * path stays inside Backflux on the module path and on the class path, where every public method is callable.
 * Checked by reflection over the compiled API, so a new public class or method cannot reopen it unnoticed.
 */
class MatrixEncapsulationTests {

    @Test
    void theApiExportsItsTwoPublicPackagesToEveryoneAndItsExponentialToTheEngineAlone() {
        ModuleDescriptor api = apiDescriptor();
        Set<String> exports = api.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("dev.backflux.api", "dev.backflux.api.spi",
                "dev.backflux.api.internal to [dev.backflux.engine]"), exports);
        assertTrue(api.opens().isEmpty(), () -> "opens " + api.opens());
    }

    @Test
    void onlyBackfluxImplementsMatrix() {
        assertTrue(Matrix.class.isSealed(), "Matrix is sealed");
        for (Class<?> implementation : Matrix.class.getPermittedSubclasses()) {
            assertFalse(Modifier.isPublic(implementation.getModifiers()), implementation + " is not public");
            assertTrue(Modifier.isFinal(implementation.getModifiers()), implementation + " is final");
        }
    }

    /**
     * Every public method that turns a {@code double[]} into a {@link Matrix} must need a capability: an instance
     * of a final class that nothing public constructs or returns, or be one of those that copy the array, each
     * shown to copy here.
     */
    @Test
    void noPublicMethodBuildsAMatrixOverACallersArray() throws ReflectiveOperationException {
        double[] values = {1, 2, 3, 4};
        Matrix copied = Matrix.ofRowMajor(2, 2, values);
        values[0] = 99;
        assertEquals(1, copied.get(0, 0), "Matrix.ofRowMajor copies");
        Set<Executable> copying = Set.of(Matrix.class.getMethod("ofRowMajor", int.class, int.class, double[].class));
        List<Class<?>> publicClasses = apiClasses().stream()
                .filter(c -> Modifier.isPublic(c.getModifiers()))
                .collect(Collectors.toList());
        List<String> violations = new ArrayList<>();
        for (Class<?> type : publicClasses) {
            for (Executable member : visibleMembers(type)) {
                Class<?> result = member instanceof Method ? ((Method) member).getReturnType() : type;
                if (!Matrix.class.isAssignableFrom(result) || !List.of(member.getParameterTypes()).contains(double[].class)
                        || copying.contains(member)) {
                    continue;
                }
                if (Modifier.isStatic(member.getModifiers()) || !isUnobtainable(type, publicClasses)) {
                    violations.add(member.toString());
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** Whether {@code capability} is final and no public or protected member of the API creates or returns one. */
    private static boolean isUnobtainable(Class<?> capability, List<Class<?>> publicClasses) {
        if (!Modifier.isFinal(capability.getModifiers())) {
            return false;
        }
        for (Class<?> type : publicClasses) {
            for (Executable member : visibleMembers(type)) {
                boolean creates = member instanceof Method
                        ? capability.isAssignableFrom(((Method) member).getReturnType()) : type == capability;
                if (creates) {
                    return false;
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (isVisible(field.getModifiers()) && capability.isAssignableFrom(field.getType())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Executable> visibleMembers(Class<?> type) {
        return Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
                .filter(m -> isVisible(m.getModifiers()) && !m.isSynthetic())
                .collect(Collectors.toList());
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The API's descriptor: its module's when the tests run on the module path, else its module-info.class. */
    private static ModuleDescriptor apiDescriptor() {
        if (Matrix.class.getModule().isNamed()) {
            return Matrix.class.getModule().getDescriptor();
        }
        try (InputStream in = Files.newInputStream(apiClassesRoot().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every class compiled from the API's main sources, nested ones included. */
    private static List<Class<?>> apiClasses() {
        Path root = apiClassesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String relative = root.relativize(file).toString();
                if (relative.equals("module-info.class") || relative.endsWith("package-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                classes.add(Class.forName(name, false, Matrix.class.getClassLoader()));
            }
            assertTrue(classes.contains(Matrix.class), () -> "expected Matrix among " + classes);
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Path apiClassesRoot() {
        try {
            return Path.of(Matrix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
