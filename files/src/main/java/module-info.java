/**
 * What Backflux keeps on disk: saved networks ({@link dev.backflux.files.NetworkFile}), checkpoints while a run
 * trains (the {@code checkpoint} plugin, found with {@link java.util.ServiceLoader}), and weight matrices
 * exchanged with numpy as {@code .npy} and {@code .npz} files ({@link dev.backflux.files.Npy},
 * {@link dev.backflux.files.Npz}).
 */
module dev.backflux.files {
    requires transitive dev.backflux.api;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.csv;

    exports dev.backflux.files;

    provides dev.backflux.api.spi.Plugin with dev.backflux.files.CheckpointPlugin;
}
