package dev.backflux.engine;

import dev.backflux.api.PluginFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The work plugins asked the run to wait for before it ends ({@code PluginContext.completeAfter}), such as
 * closing a file: awaited however the run ends, each failure attributed to its plugin. Only the work of
 * plugins whose stream was subscribed is awaited: a plugin whose stream never ran (a later plugin's
 * {@code apply} threw, or ignored its upstream) cannot finish work that its stream's end would finish, so its
 * work is subscribed to, to let it clean up, but not waited for.
 */
final class PendingWork {

    private final List<Item> items = new CopyOnWriteArrayList<>();

    void add(String pluginId, Publisher<?> work) {
        items.add(new Item(pluginId, work));
    }

    /** Records that the plugin's stream was subscribed: its work is awaited. */
    void running(String pluginId) {
        for (Item item : items) {
            if (item.pluginId.equals(pluginId)) {
                item.running = true;
            }
        }
    }

    /**
     * Completes once every piece of work has terminated; fails then with the first failure, as a
     * {@link PluginFailureException} naming its plugin, the others suppressed.
     */
    Mono<Void> awaitAll() {
        List<Mono<Void>> each = new ArrayList<>();
        for (Item item : items) {
            if (!item.running) {
                Flux.from(item.work).subscribe(null, ignored -> { });
                continue;
            }
            each.add(Flux.from(item.work).then().onErrorMap(error -> !(error instanceof PluginFailureException),
                    error -> new PluginFailureException(item.pluginId, error)));
        }
        return Mono.whenDelayError(each).onErrorMap(Exceptions::isMultiple, multiple -> {
            List<Throwable> failures = Exceptions.unwrapMultiple(multiple);
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            return first;
        });
    }

    /** Forgets the work, once the run has ended. */
    void clear() {
        items.clear();
    }

    private static final class Item {
        final String pluginId;
        final Publisher<?> work;
        volatile boolean running;

        Item(String pluginId, Publisher<?> work) {
            this.pluginId = pluginId;
            this.work = work;
        }
    }
}
