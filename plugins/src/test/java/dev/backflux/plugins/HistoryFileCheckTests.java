package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history file that cannot be written is found when the run is built, before anything runs. */
class HistoryFileCheckTests {

    @TempDir
    Path folder;

    @Test
    void aDirectoryThatDoesNotExistFailsAtBuildNamingTheOptionThePathAndTheCause() {
        Path file = folder.resolve("missing").resolve("history.csv");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", file)).build());

        assertTrue(error.getMessage().contains("history"), error.getMessage());
        assertTrue(error.getMessage().contains("'file'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("NoSuchFileException"), error.getMessage());
        assertFalse(Files.exists(file.getParent()), "nothing is created");
    }

    @Test
    void aDirectoryThatCannotBeWrittenFailsAtBuildForEveryUserEvenRoot() throws IOException {
        Path regularFile = Files.writeString(folder.resolve("not-a-directory"), "x");
        Path file = regularFile.resolve("history.csv");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", file)).build());

        assertTrue(error.getMessage().contains("'file'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("NotDirectoryException"), error.getMessage());
    }

    @Test
    void aDirectoryGivenAsTheFileFailsAtBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Xor.training(Network.of(3, 4, 1), 5).plugin("history", Map.of("file", folder)).build());

        assertTrue(error.getMessage().contains("'file'"), error.getMessage());
        assertTrue(error.getMessage().contains(folder.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("is a directory"), error.getMessage());
    }
}
