package dev.backflux.engine;

import dev.backflux.api.Matrix;
import dev.backflux.api.MatrixAccess;
import java.util.Objects;

/**
 * The engine's read-only views over its own fresh arrays, built without a copy through the {@link MatrixAccess}
 * that {@link dev.backflux.api.Trainer} attaches to the engine it loads (see {@link ReactorTrainingEngine#attach}).
 * Only that one instance exists, so whoever attaches it, it is the same.
 */
final class MatrixViews {

    private static volatile MatrixAccess access;

    private MatrixViews() {
    }

    static void attach(MatrixAccess matrices) {
        access = Objects.requireNonNull(matrices, "matrices");
    }

    /** Fails unless the engine was loaded through {@link dev.backflux.api.Trainer}. */
    static MatrixAccess access() {
        MatrixAccess found = access;
        if (found == null) {
            throw new IllegalStateException("The Backflux engine was used without "
                    + "dev.backflux.api.Trainer: expected Trainer to load it and attach its MatrixAccess");
        }
        return found;
    }

    /** A matrix over {@code data}, which the caller hands over and never writes again. */
    static Matrix wrap(int rows, int columns, double[] data) {
        return access().wrap(rows, columns, data);
    }
}
