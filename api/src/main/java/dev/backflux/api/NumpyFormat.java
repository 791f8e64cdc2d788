package dev.backflux.api;

/**
 * Prints a matrix as numpy 2.4's {@code print(a)} (that is {@code str(a)}) prints a 2-D {@code float64} array
 * with the default print options, so that Backflux's matrices can be compared with the tutorial's side by side.
 *
 * <p>The layout is that of {@code _formatArray} in {@code numpy/_core/arrayprint.py}:
 * <ul>
 *   <li>rows in brackets inside brackets, one a line, the later ones indented by one space:
 *       {@code [[0. 0. 1.]\n [0. 1. 1.]]}, elements separated by one space and all as wide (see
 *       {@link NumpyFloatFormat}, which the printed elements alone choose);</li>
 *   <li>more than {@value #THRESHOLD} elements ({@code threshold}): only the first and last {@value #EDGE_ITEMS}
 *       rows ({@code edgeitems}) are printed, with a line {@code ...} between them when there are more, and the
 *       same for columns, with an element {@code ...};</li>
 *   <li>a row longer than {@value #LINE_WIDTH} characters ({@code linewidth}, counting the brackets) goes on
 *       over the next lines, each indented by two spaces, without trailing spaces.</li>
 * </ul>
 * Only the elements printed are read, so a huge matrix costs no more than a small one.
 */
final class NumpyFormat {

    /** numpy's default {@code threshold}: more elements than this are summarised. */
    static final int THRESHOLD = 1000;

    /** numpy's default {@code edgeitems}: the rows and columns printed at each end of a summarised matrix. */
    static final int EDGE_ITEMS = 3;

    /** numpy's default {@code linewidth}. */
    static final int LINE_WIDTH = 75;

    private static final String SUMMARY = "...";

    /** Where each row's elements start: after the outer {@code [} and the row's {@code [}. */
    private static final String ROW_INDENT = "  ";

    private NumpyFormat() {
    }

    /**
     * Prints a matrix as numpy prints an array of the same shape and elements.
     *
     * @param rows the number of rows, at least 1
     * @param columns the number of columns, at least 1
     * @param data {@code rows * columns} elements, row after row; only read
     * @return what numpy's {@code print} shows, without a final line break
     */
    static String format(int rows, int columns, double[] data) {
        boolean summarise = (long) rows * columns > THRESHOLD;
        int[] shownRows = shown(rows, summarise);
        int[] shownColumns = shown(columns, summarise);

        double[] shownValues = new double[shownRows.length * shownColumns.length];
        int next = 0;
        for (int row : shownRows) {
            for (int column : shownColumns) {
                shownValues[next++] = data[row * columns + column];
            }
        }
        NumpyFloatFormat elements = NumpyFloatFormat.of(shownValues);

        boolean elideRows = shownRows.length < rows;
        boolean elideColumns = shownColumns.length < columns;
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shownRows.length; i++) {
            if (i > 0) {
                text.append("\n ");
            }
            if (elideRows && i == EDGE_ITEMS) {
                text.append(SUMMARY).append("\n ");
            }
            String[] words = new String[shownColumns.length + (elideColumns ? 1 : 0)];
            int word = 0;
            for (int j = 0; j < shownColumns.length; j++) {
                if (elideColumns && j == EDGE_ITEMS) {
                    words[word++] = SUMMARY;
                }
                words[word++] = elements.format(data[shownRows[i] * columns + shownColumns[j]]);
            }
            appendRow(text, words);
        }
        return text.append(']').toString();
    }

    /** The indices printed of a dimension: all of them, or the first and last {@value #EDGE_ITEMS} when summarised. */
    private static int[] shown(int length, boolean summarise) {
        boolean elide = summarise && length > 2 * EDGE_ITEMS;
        int[] indices = new int[elide ? 2 * EDGE_ITEMS : length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = elide && i >= EDGE_ITEMS ? length - 2 * EDGE_ITEMS + i : i;
        }
        return indices;
    }

    /**
     * Appends {@code [words]}, wrapped as numpy's {@code _extendLine} wraps: a word goes on a new line when the
     * line would otherwise be longer than the width left for the elements (the line width less the outer and
     * the row's {@code ]}), unless the line holds no word yet.
     */
    private static void appendRow(StringBuilder text, String[] words) {
        int width = LINE_WIDTH - 2;
        StringBuilder row = new StringBuilder();
        StringBuilder line = new StringBuilder(ROW_INDENT);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (line.length() + word.length() > width && line.length() > ROW_INDENT.length()) {
                row.append(stripTrailing(line)).append('\n');
                line.setLength(0);
                line.append(ROW_INDENT);
            }
            line.append(word);
            if (i < words.length - 1) {
                line.append(' ');
            }
        }
        row.append(line);
        text.append('[').append(row, ROW_INDENT.length(), row.length()).append(']');
    }

    private static String stripTrailing(CharSequence line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.subSequence(0, end).toString();
    }
}
