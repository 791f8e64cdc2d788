package dev.backflux.plugins;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The {@code progress} display for a terminal: {@code me.tongfei:progressbar}'s bar, redrawn in place with
 * {@code '\r'}. The bar shows the step count and elapsed time; its own speed and time left are hidden
 * (they count whole seconds), and the message after it carries the error, rate and time left of
 * {@link ProgressFigures}.
 *
 * <p>The bar is redrawn when this display is shown a step, on the caller's thread. The library's own timer
 * only draws it first (which the constructor waits for, so that the two never write at once) and last, in
 * {@link #close()}.
 */
final class BarDisplay implements ProgressDisplay {

    /** How long the constructor waits for the library's first drawing. */
    private static final long FIRST_DRAWING_SECONDS = 5;

    private final ProgressBar bar;

    BarDisplay(PrintStream out, long requested, int width) {
        FirstDrawing consumer = new FirstDrawing(new ConsoleProgressBarConsumer(out, width));
        this.bar = new ProgressBarBuilder()
                .setTaskName("Training")
                .setInitialMax(requested)
                .setUnit(" steps", 1)
                .hideEta()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(Integer.MAX_VALUE)
                .setConsumer(consumer)
                .build();
        consumer.await();
    }

    @Override
    public void show(ProgressFigures figures) {
        bar.setExtraMessage(figures.message());
        bar.stepTo(figures.done());
        bar.refresh();
    }

    @Override
    public void close() {
        bar.close();
    }

    /** Passes the drawings on, and lets the constructor wait for the first one. */
    private static final class FirstDrawing implements ProgressBarConsumer {

        private final ProgressBarConsumer console;
        private final CountDownLatch drawn = new CountDownLatch(1);

        FirstDrawing(ProgressBarConsumer console) {
            this.console = console;
        }

        void await() {
            try {
                drawn.await(FIRST_DRAWING_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public void accept(String rendered) {
            console.accept(rendered);
            drawn.countDown();
        }

        @Override
        public void close() {
            console.close();
        }
    }
}
