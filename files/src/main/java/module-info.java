/**
 * What Backflux keeps on disk: weight matrices exchanged with numpy as {@code .npy} and {@code .npz} files.
 * Start with {@link dev.backflux.files.Npy} and {@link dev.backflux.files.Npz}.
 */
module dev.backflux.files {
    requires transitive dev.backflux.api;

    exports dev.backflux.files;
}
