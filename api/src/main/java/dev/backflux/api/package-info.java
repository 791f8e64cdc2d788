/**
 * The Backflux API: {@link dev.backflux.api.Network}, {@link dev.backflux.api.TrainingData},
 * {@link dev.backflux.api.Trainer} and the {@link dev.backflux.api.TrainingStep} snapshots it publishes.
 */
package dev.backflux.api;
