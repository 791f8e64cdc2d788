package dev.backflux.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * Broadcasts one producer's values to any number of subscribers, each of which receives the latest value
 * when it subscribes, then the live ones; a subscriber that falls behind receives, at each request, the
 * latest value at that moment: it skips values, it never holds the producer back, and it never makes
 * memory grow (one value waits for it at most).
 *
 * <p>Deliveries run on {@code delivery}, never on the producer's thread: the producer only swaps a reference
 * per subscriber, and schedules a delivery only for a subscriber that has asked for a value and is idle.
 * Nothing here throws on the producer's thread.
 *
 * @param <T> the values
 */
final class LatestBroadcast<T> {

    private final Scheduler delivery;
    private final List<Mailbox> subscribers = new CopyOnWriteArrayList<>();
    private volatile T latest;
    private boolean completed;
    private Throwable error;

    LatestBroadcast(Scheduler delivery) {
        this.delivery = delivery;
    }

    /** A subscriber's view: the latest value, then the live ones, each time the latest one it can take. */
    Flux<T> flux() {
        Publisher<T> publisher = this::subscribe;
        return Flux.from(publisher);
    }

    /** The number of subscribers registered for live values, for tests. */
    int subscriberCount() {
        return subscribers.size();
    }

    /** The latest value, or null before the first. */
    T latest() {
        return latest;
    }

    private void subscribe(Subscriber<? super T> subscriber) {
        Mailbox mailbox = new Mailbox(subscriber);
        subscriber.onSubscribe(mailbox);
        synchronized (this) {
            T current = latest;
            if (current != null) {
                mailbox.offer(current);
            }
            if (error != null) {
                mailbox.terminate(error);
            } else if (completed) {
                mailbox.terminate(null);
            } else if (!mailbox.cancelled) {
                subscribers.add(mailbox);
            }
        }
    }

    private synchronized void unregister(Mailbox mailbox) {
        subscribers.remove(mailbox);
    }

    /** Publishes a value; ignored once terminated. */
    synchronized void next(T value) {
        if (completed || error != null) {
            return;
        }
        latest = value;
        for (Mailbox mailbox : subscribers) {
            mailbox.offer(value);
        }
    }

    /** Completes every subscriber, present and future, after its latest value. */
    synchronized void complete() {
        terminate(null);
    }

    /** Fails every subscriber, present and future, after its latest value. */
    synchronized void error(Throwable failure) {
        terminate(failure);
    }

    private void terminate(Throwable failure) {
        if (completed || error != null) {
            return;
        }
        completed = failure == null;
        error = failure;
        for (Mailbox mailbox : subscribers) {
            mailbox.terminate(failure);
        }
        subscribers.clear();
    }

    /** One subscriber: the latest undelivered value, its demand, and a drain that runs one at a time. */
    private final class Mailbox implements Subscription, Runnable {

        private final Subscriber<? super T> actual;
        private final AtomicReference<T> pending = new AtomicReference<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private volatile Throwable failure;
        private volatile boolean cancelled;

        Mailbox(Subscriber<? super T> actual) {
            this.actual = actual;
        }

        /** Called on the producer's thread: swaps the value, and schedules a delivery only if one is wanted. */
        void offer(T value) {
            pending.set(value);
            if (requested.get() > 0) {
                schedule();
            }
        }

        void terminate(Throwable error) {
            failure = error;
            done = true;
            schedule();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Reactive Streams §3.9: a non-positive request is an error.
                cancel();
                actual.onError(new IllegalArgumentException("§3.9 violated: positive request amount required, actual " + n));
                return;
            }
            requested.getAndUpdate(current -> Operators.addCap(current, n));
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            unregister(this);
        }

        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                try {
                    delivery.schedule(this);
                } catch (RejectedExecutionException e) {
                    // The delivery scheduler is shut down (the JVM is stopping): this subscriber ends here.
                    cancel();
                    actual.onError(e);
                }
            }
        }

        /** Runs on the delivery scheduler, one drain at a time for this subscriber. */
        @Override
        public void run() {
            int missed = 1;
            while (!cancelled) {
                boolean finished = done;
                T value = requested.get() > 0 ? pending.getAndSet(null) : null;
                if (value != null) {
                    requested.getAndUpdate(current -> current == Long.MAX_VALUE ? current : current - 1);
                    try {
                        actual.onNext(value);
                    } catch (Throwable e) {
                        // A subscriber must not throw (§2.13); if it does, it ends its own subscription only.
                        cancel();
                        actual.onError(e);
                        return;
                    }
                    continue;
                }
                if (finished && pending.get() == null) {
                    cancelled = true;
                    Throwable error = failure;
                    if (error != null) {
                        actual.onError(error);
                    } else {
                        actual.onComplete();
                    }
                    return;
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }
}
