package dev.backflux.engine;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * A scheduler whose workers, once disposed, quietly refuse a task instead of throwing. Reactor's {@code publishOn}
 * disposes its worker when its subscriber cancels; a step handed to that subscriber at the same moment, on the
 * run's thread, then meets a disposed worker, and {@code publishOn} reports the {@code RejectedExecutionException}
 * ("Scheduler unavailable") to {@code Hooks.onErrorDropped}, which by default logs it as an ERROR with its stack
 * trace: an alarming log line for a subscriber that merely left. The task is moot then; a worker disposed for any
 * other reason still throws, and the scheduler itself is the delegate's.
 */
final class QuietWorkers implements Scheduler {

    private final Scheduler delegate;

    QuietWorkers(Scheduler delegate) {
        this.delegate = delegate;
    }

    /** The scheduler this one wraps. */
    Scheduler delegate() {
        return delegate;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return delegate.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return delegate.schedule(task, delay, unit);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return delegate.schedulePeriodically(task, initialDelay, period, unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return delegate.now(unit);
    }

    @Override
    public Worker createWorker() {
        return new QuietWorker(delegate.createWorker());
    }

    @Override
    public void dispose() {
        delegate.dispose();
    }

    @Override
    public boolean isDisposed() {
        return delegate.isDisposed();
    }

    @Override
    public void init() {
        delegate.init();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** The delegate's worker, refusing tasks quietly once disposed. */
    private static final class QuietWorker implements Worker {
        private final Worker delegate;

        QuietWorker(Worker delegate) {
            this.delegate = delegate;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return quietly(() -> delegate.schedule(task));
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return quietly(() -> delegate.schedule(task, delay, unit));
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return quietly(() -> delegate.schedulePeriodically(task, initialDelay, period, unit));
        }

        /** Schedules; a refusal by a disposed worker is a disposed task, any other refusal is thrown. */
        private Disposable quietly(Supplier<Disposable> scheduling) {
            try {
                return scheduling.get();
            } catch (RejectedExecutionException e) {
                if (delegate.isDisposed()) {
                    return Disposables.disposed();
                }
                throw e;
            }
        }

        @Override
        public void dispose() {
            delegate.dispose();
        }

        @Override
        public boolean isDisposed() {
            return delegate.isDisposed();
        }
    }
}
