package dev.backflux.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How numpy 2.4 prints each element of a {@code float64} array with its default print options: the
 * {@code FloatingFormat} of {@code numpy/_core/arrayprint.py} with {@code precision=8},
 * {@code floatmode='maxprec'}, {@code suppress=False}, {@code sign='-'}, {@code nanstr='nan'},
 * {@code infstr='inf'}.
 *
 * <p>One format is chosen for all the printed elements together, as numpy does:
 * <ul>
 *   <li>Scientific notation when the largest non-zero finite magnitude is at least {@code 1e8}, or the
 *       smallest is below {@code 1e-4}, or the largest divided by the smallest is above {@code 1e3};
 *       fixed notation otherwise (and when no finite value is non-zero).</li>
 *   <li>Each value is written with the fewest digits that identify it among doubles (numpy's Dragon4 with
 *       {@code unique=True}), unless that needs more than 8 decimals (fixed) or 8 digits after the
 *       mantissa's point (scientific): then the exact binary value is rounded there, to nearest, ties to even.
 *       Trailing zeros are dropped, the point is kept: {@code 1.}, {@code 0.5}, {@code -0.}.</li>
 *   <li>Fixed: integer parts are padded on the left to the widest (a {@code -} counts, so positives line up
 *       with negatives), decimals on the right with spaces to the longest.</li>
 *   <li>Scientific: every mantissa gets as many decimals as the longest, padded with zeros, every exponent
 *       as many digits as the longest (at least 2): {@code 1.5e-05}, {@code 1.0e+100}.</li>
 *   <li>{@code nan}, {@code inf} and {@code -inf} are right-aligned in the width of the others, which they
 *       widen if needed.</li>
 * </ul>
 */
final class NumpyFloatFormat {

    /** numpy's default {@code precision}: at most this many decimals, or digits after a mantissa's point. */
    static final int PRECISION = 8;

    /** numpy's switch to scientific notation for {@code float64} data: {@code 10.**min(8, finfo.precision)}. */
    private static final double SCIENTIFIC_AT_LEAST = 1e8;
    private static final double SCIENTIFIC_BELOW = 1e-4;
    private static final double SCIENTIFIC_RATIO_ABOVE = 1e3;

    private final boolean scientific;
    /** Fixed: characters before the point; scientific: before the mantissa's point. */
    private final int padLeft;
    /** Fixed: most decimals; scientific: the mantissas' decimals. */
    private final int padRight;
    /** Scientific only: the exponents' digits. */
    private final int exponentDigits;

    private NumpyFloatFormat(boolean scientific, int padLeft, int padRight, int exponentDigits) {
        this.scientific = scientific;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.exponentDigits = exponentDigits;
    }

    /**
     * Chooses the format of the given elements, as numpy's {@code FloatingFormat.fillFormat} does.
     *
     * @param values the elements that will be printed (after summarising), at least one
     * @return the format for each of them
     */
    static NumpyFloatFormat of(double[] values) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        boolean anyFinite = false;
        boolean anyNonFinite = false;
        boolean negativeInfinity = false;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                anyNonFinite = true;
                negativeInfinity |= value == Double.NEGATIVE_INFINITY;
                continue;
            }
            anyFinite = true;
            double magnitude = Math.abs(value);
            if (magnitude != 0) {
                max = Math.max(max, magnitude);
                min = Math.min(min, magnitude);
            }
        }
        boolean scientific = max != 0 && (max >= SCIENTIFIC_AT_LEAST || min < SCIENTIFIC_BELOW
                || max / min > SCIENTIFIC_RATIO_ABOVE);

        int padLeft = 0;
        int padRight = 0;
        int exponentDigits = 0;
        if (anyFinite) {
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    continue;
                }
                if (scientific) {
                    Scientific parts = Scientific.of(value, 0);
                    padLeft = Math.max(padLeft, parts.integer.length());
                    padRight = Math.max(padRight, parts.decimals.length());
                    exponentDigits = Math.max(exponentDigits, parts.exponentDigits().length());
                } else {
                    String[] parts = fixedParts(value);
                    padLeft = Math.max(padLeft, parts[0].length());
                    padRight = Math.max(padRight, parts[1].length());
                }
            }
        }
        if (anyNonFinite) {
            // numpy: the width after the point (with it) is kept, the width before it grows to fit nan and inf.
            int afterPoint = (scientific ? exponentDigits + 2 + padRight : padRight) + 1;
            padLeft = Math.max(padLeft, Math.max("nan".length(), "inf".length() + (negativeInfinity ? 1 : 0))
                    - afterPoint);
        }
        return new NumpyFloatFormat(scientific, padLeft, padRight, exponentDigits);
    }

    /**
     * Formats one of the elements the format was chosen for.
     *
     * @param value the element
     * @return its text, as wide as every other element's
     */
    String format(double value) {
        if (!Double.isFinite(value)) {
            String text = Double.isNaN(value) ? "nan" : value < 0 ? "-inf" : "inf";
            int width = padLeft + 1 + (scientific ? padRight + 2 + exponentDigits : padRight);
            return " ".repeat(Math.max(0, width - text.length())) + text;
        }
        StringBuilder text = new StringBuilder();
        if (scientific) {
            Scientific parts = Scientific.of(value, padRight);
            String exponent = parts.exponentDigits();
            padTo(text, padLeft - parts.integer.length());
            text.append(parts.integer).append('.').append(parts.decimals);
            text.append("0".repeat(padRight - parts.decimals.length()));
            text.append('e').append(parts.exponent < 0 ? '-' : '+');
            text.append("0".repeat(exponentDigits - exponent.length())).append(exponent);
        } else {
            String[] parts = fixedParts(value);
            padTo(text, padLeft - parts[0].length());
            text.append(parts[0]).append('.').append(parts[1]);
            padTo(text, padRight - parts[1].length());
        }
        return text.toString();
    }

    private static void padTo(StringBuilder text, int spaces) {
        text.append(" ".repeat(Math.max(0, spaces)));
    }

    /** The integer part (with its sign) and the decimals of a finite value in fixed notation. */
    private static String[] fixedParts(double value) {
        String sign = isNegative(value) ? "-" : "";
        if (value == 0) {
            return new String[] {sign + "0", ""};
        }
        BigDecimal digits = shortest(value);
        if (digits.scale() > PRECISION) {
            digits = new BigDecimal(value).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        String plain = digits.abs().toPlainString();
        int point = plain.indexOf('.');
        return point < 0
                ? new String[] {sign + plain, ""}
                : new String[] {sign + plain.substring(0, point), plain.substring(point + 1)};
    }

    private static boolean isNegative(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }

    /**
     * The shortest decimal that reads back as {@code value} (the digits of Dragon4 with {@code unique=True}),
     * the nearest to it when several as short do, without trailing zeros.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 17; digits++) {
            MathContext context = new MathContext(digits, RoundingMode.HALF_EVEN);
            BigDecimal nearest = exact.round(context);
            if (readsBackAs(nearest, value)) {
                return nearest.stripTrailingZeros();
            }
            // Just above a power of two the doubles below are closer together: the other neighbour may fit.
            RoundingMode other = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
            BigDecimal neighbour = exact.round(new MathContext(digits, other));
            if (readsBackAs(neighbour, value)) {
                return neighbour.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static boolean readsBackAs(BigDecimal decimal, double value) {
        return Double.parseDouble(decimal.toString()) == value;
    }

    /** A finite value in scientific notation: its mantissa's integer digit (with its sign) and decimals, its exponent. */
    private static final class Scientific {

        final String integer;
        final String decimals;
        final int exponent;

        private Scientific(String integer, String decimals, int exponent) {
            this.integer = integer;
            this.decimals = decimals;
            this.exponent = exponent;
        }

        /**
         * Writes a value with the fewest digits that identify it, but at least {@code minDecimals} digits after
         * the mantissa's point and at most {@link #PRECISION}, as numpy's Dragon4 does with {@code unique=True}
         * and {@code min_digits}: more digits than identify the value are the exact value's, rounded (so that
         * the smallest subnormal, {@code 5e-324} in fewest digits, is {@code 4.94065646e-324} in nine).
         */
        static Scientific of(double value, int minDecimals) {
            String sign = isNegative(value) ? "-" : "";
            if (value == 0) {
                return new Scientific(sign + "0", "", 0);
            }
            BigDecimal digits = shortest(value);
            int precision = Math.min(Math.max(digits.precision(), minDecimals + 1), PRECISION + 1);
            if (digits.precision() != precision) {
                digits = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
            }
            String unscaled = digits.unscaledValue().abs().toString();
            int exponent = digits.precision() - digits.scale() - 1;
            return new Scientific(sign + unscaled.charAt(0), unscaled.substring(1), exponent);
        }

        /** The exponent's digits without its sign, at least two as numpy writes them. */
        String exponentDigits() {
            String digits = Integer.toString(Math.abs(exponent));
            return digits.length() < 2 ? "0" + digits : digits;
        }
    }
}
