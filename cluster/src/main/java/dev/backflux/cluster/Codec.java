package dev.backflux.cluster;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The binary forms members exchange besides a run's JSON spec (big-endian, as {@link DataOutputStream} writes;
 * doubles as their raw IEEE 754 bits
 * ({@link Double#doubleToRawLongBits}), so every value arrives exact, a NaN's payload included).
 *
 * <ul>
 *   <li>A <b>step item</b> in a run's ringbuffer: {@code byte 1, long step, double error, boolean hasValidation,
 *       double validationError, int k, then k matrices} (each {@code int rows, int columns, doubles row-major}):
 *       the weights <em>before</em> the step's update, from which a watcher recomputes the whole step with the
 *       engine (one step of training, the same bits).</li>
 *   <li>The <b>end item</b>: {@code byte 2, boolean failed, string message}, after the run's last step item once
 *       its result is kept.</li>
 *   <li>A <b>result</b>: {@code byte 1 (version), string reason, string condition, string stoppedBy, long
 *       stepsRun, long elapsedNanos, string errorClass, string errorMessage, optional double bestError, accuracy,
 *       validationAccuracy, optional step last, optional step best} (an optional value is a boolean, then the
 *       value; a step is {@code long step} and its weights before, as above; a string is {@code int length} and
 *       UTF-8 bytes, "" for none).</li>
 *   <li>A <b>checkpoint</b>: {@code byte 1 (version), long step, k matrices (the weights after that step), long
 *       elapsedNanos, optional double bestError, optional step best}.</li>
 * </ul>
 */
final class Codec {

    static final byte STEP = 1;
    static final byte END = 2;
    private static final byte RESULT_VERSION = 1;

    private Codec() {
    }

    /** A step as a ringbuffer item or inside a result: its index and the weights before its update. */
    record StepItem(long step, double error, OptionalDouble validationError, List<Matrix> weightsBefore) {

        static StepItem of(TrainingStep step) {
            List<Matrix> weights = new ArrayList<>();
            for (int k = 0; k < step.layerCount() - 1; k++) {
                weights.add(step.weightsBefore(k));
            }
            return new StepItem(step.step(), step.meanAbsoluteError(), step.validationMeanAbsoluteError(), weights);
        }
    }

    /**
     * A run's newest checkpoint, kept in the cluster's checkpoint map: the weights after step {@code step}, the
     * training time so far, and the best step so far (its monitored error and the weights before it).
     */
    record Checkpoint(long step, List<Matrix> weights, long elapsedNanos, OptionalDouble bestError,
            Optional<StepItem> best) {
    }

    /** The end of a run in its ringbuffer. */
    record EndItem(boolean failed, String message) {
    }

    static byte[] step(TrainingStep step) {
        return bytes(out -> {
            out.writeByte(STEP);
            out.writeLong(step.step());
            writeDouble(out, step.meanAbsoluteError());
            OptionalDouble validation = step.validationMeanAbsoluteError();
            out.writeBoolean(validation.isPresent());
            writeDouble(out, validation.orElse(0));
            weights(out, step);
        });
    }

    static byte[] end(boolean failed, String message) {
        return bytes(out -> {
            out.writeByte(END);
            out.writeBoolean(failed);
            string(out, message);
        });
    }

    /** Reads a ringbuffer item: a {@link StepItem} or an {@link EndItem}. */
    static Object item(byte[] bytes) {
        return read(bytes, in -> {
            byte kind = in.readByte();
            if (kind == STEP) {
                long step = in.readLong();
                double error = readDouble(in);
                boolean hasValidation = in.readBoolean();
                double validation = readDouble(in);
                return new StepItem(step, error, hasValidation ? OptionalDouble.of(validation) : OptionalDouble.empty(),
                        matrices(in));
            }
            if (kind == END) {
                return new EndItem(in.readBoolean(), string(in));
            }
            throw new IllegalStateException("A step item of unknown kind " + kind);
        });
    }

    /** What a member keeps of a result: enough to rebuild it, its steps recomputed, on any member or client. */
    record ResultRecord(TrainingResult.Reason reason, String condition, String stoppedBy, long stepsRun,
            long elapsedNanos, String errorClass, String errorMessage, OptionalDouble bestError,
            OptionalDouble accuracy, OptionalDouble validationAccuracy, Optional<StepItem> last,
            Optional<StepItem> best) {
    }

    static ResultRecord record(TrainingResult result) {
        return new ResultRecord(result.reason(), result.condition(), result.stoppedBy().orElse(""),
                result.stepsRun(), result.elapsed().toNanos(),
                result.error().map(e -> e.getClass().getName()).orElse(""),
                result.error().map(e -> String.valueOf(e.getMessage())).orElse(""), result.bestError(),
                result.accuracy(), result.validationAccuracy(), result.lastStep().map(StepItem::of),
                result.bestStep().map(StepItem::of));
    }

    static byte[] result(ResultRecord result) {
        return bytes(out -> {
            out.writeByte(RESULT_VERSION);
            string(out, result.reason().name());
            string(out, result.condition());
            string(out, result.stoppedBy());
            out.writeLong(result.stepsRun());
            out.writeLong(result.elapsedNanos());
            string(out, result.errorClass());
            string(out, result.errorMessage());
            optional(out, result.bestError());
            optional(out, result.accuracy());
            optional(out, result.validationAccuracy());
            optionalStep(out, result.last());
            optionalStep(out, result.best());
        });
    }

    static byte[] checkpoint(Checkpoint checkpoint) {
        return bytes(out -> {
            out.writeByte(RESULT_VERSION);
            out.writeLong(checkpoint.step());
            matrices(out, checkpoint.weights());
            out.writeLong(checkpoint.elapsedNanos());
            optional(out, checkpoint.bestError());
            optionalStep(out, checkpoint.best());
        });
    }

    static Checkpoint checkpoint(byte[] bytes) {
        return read(bytes, in -> {
            byte version = in.readByte();
            if (version != RESULT_VERSION) {
                throw new IllegalStateException("A checkpoint of version " + version + ", expected " + RESULT_VERSION);
            }
            return new Checkpoint(in.readLong(), matrices(in), in.readLong(), optional(in), optionalStep(in));
        });
    }

    static ResultRecord result(byte[] bytes) {
        return read(bytes, in -> {
            byte version = in.readByte();
            if (version != RESULT_VERSION) {
                throw new IllegalStateException("A result of version " + version + ", expected " + RESULT_VERSION);
            }
            return new ResultRecord(TrainingResult.Reason.valueOf(string(in)), string(in), string(in), in.readLong(),
                    in.readLong(), string(in), string(in), optional(in), optional(in), optional(in), optionalStep(in),
                    optionalStep(in));
        });
    }

    private static void optionalStep(DataOutputStream out, Optional<StepItem> step) throws IOException {
        out.writeBoolean(step.isPresent());
        if (step.isPresent()) {
            out.writeLong(step.get().step());
            matrices(out, step.get().weightsBefore());
        }
    }

    private static Optional<StepItem> optionalStep(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        long step = in.readLong();
        return Optional.of(new StepItem(step, Double.NaN, OptionalDouble.empty(), matrices(in)));
    }

    private static void weights(DataOutputStream out, TrainingStep step) throws IOException {
        matrices(out, StepItem.of(step).weightsBefore());
    }

    private static void matrices(DataOutputStream out, List<Matrix> matrices) throws IOException {
        out.writeInt(matrices.size());
        for (Matrix matrix : matrices) {
            out.writeInt(matrix.rows());
            out.writeInt(matrix.columns());
            for (double value : matrix.toRowMajorArray()) {
                writeDouble(out, value);
            }
        }
    }

    private static List<Matrix> matrices(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Matrix> matrices = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int rows = in.readInt();
            int columns = in.readInt();
            double[] values = new double[Math.multiplyExact(rows, columns)];
            for (int i = 0; i < values.length; i++) {
                values[i] = readDouble(in);
            }
            matrices.add(Matrix.ofRowMajor(rows, columns, values));
        }
        return matrices;
    }

    private static void optional(DataOutputStream out, OptionalDouble value) throws IOException {
        out.writeBoolean(value.isPresent());
        writeDouble(out, value.orElse(0));
    }

    private static OptionalDouble optional(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        double value = readDouble(in);
        return present ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /**
     * Writes a double as its raw IEEE 754 bits: {@link DataOutputStream#writeDouble} uses
     * {@link Double#doubleToLongBits}, which turns every NaN into the canonical one, so a NaN's payload would not
     * survive the trip.
     */
    static void writeDouble(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    /** Reads a double written by {@link #writeDouble}, its bits as they were. */
    static double readDouble(DataInputStream in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
