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
 * closing a file: all of it is awaited, however the run ends, and each failure is attributed to its plugin.
 */
final class PendingWork {

    private final List<Item> items = new CopyOnWriteArrayList<>();

    void add(String pluginId, Publisher<?> work) {
        items.add(new Item(pluginId, work));
    }

    /**
     * Completes once every piece of work has terminated; fails then with the first failure, as a
     * {@link PluginFailureException} naming its plugin, the others suppressed.
     */
    Mono<Void> awaitAll() {
        List<Mono<Void>> each = new ArrayList<>();
        for (Item item : items) {
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

    private static final class Item {
        final String pluginId;
        final Publisher<?> work;

        Item(String pluginId, Publisher<?> work) {
            this.pluginId = pluginId;
            this.work = work;
        }
    }
}
