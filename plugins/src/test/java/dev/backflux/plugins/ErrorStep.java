package dev.backflux.plugins;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import java.util.List;
import java.util.OptionalDouble;

/** A step that is only an index and an error: for plugins that read nothing else. */
class ErrorStep implements TrainingStep {

    private final long step;
    private final double error;

    ErrorStep(long step, double error) {
        this.step = step;
        this.error = error;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public double meanAbsoluteError() {
        return error;
    }

    @Override
    public OptionalDouble validationMeanAbsoluteError() {
        return OptionalDouble.empty();
    }

    @Override
    public int layerCount() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Matrix> layers() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix layer(int layer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix output() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix error(int layer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix delta(int layer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Matrix> weights() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix weights(int k) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TrainedNetwork network() {
        throw new UnsupportedOperationException();
    }

    @Override
    public double learningRate() {
        return 1;
    }

    @Override
    public Matrix slope(int layer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix weightsBefore(int k) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix update(int k) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix update(int k, int example) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Matrix agreement(int k) {
        throw new UnsupportedOperationException();
    }

    @Override
    public WeightStory explain(int k, int from, int to) {
        throw new UnsupportedOperationException();
    }
}
