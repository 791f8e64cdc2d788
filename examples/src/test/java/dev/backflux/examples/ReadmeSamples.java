package dev.backflux.examples;

import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import dev.backflux.dashboard.Dashboard;
import dev.backflux.files.CsvData;
import dev.backflux.files.CsvReader;
import dev.backflux.files.NetworkFile;
import dev.backflux.files.Npz;
import dev.backflux.files.SavedNetwork;
import dev.backflux.micrometer.MetricsPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The README's code samples, each between a {@code readme-begin} and a {@code readme-end} line: {@link
 * ReadmeSampleTests} checks that the README shows exactly these lines, and runs them.
 */
final class ReadmeSamples {

    static final TrainingData XOR = TrainingData.of(
            new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
            new double[][] {{0}, {1}, {1}, {0}});

    private ReadmeSamples() {
    }

    /** "Watching training from code": prints the error every 10,000 steps; returns the answer for (1, 0, 1). */
    static double[] watching() {
        // readme-begin watching
        TrainingData xor = TrainingData.of(
                new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
                new double[][] {{0}, {1}, {1}, {0}});
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(1.0).seed(1).build();

        Flux<TrainingStep> steps = Trainer.train(network, xor, 60_000);   // cold: nothing runs yet

        TrainingStep last = steps
                .doOnNext(step -> {
                    if (step.step() % 10_000 == 0) {
                        System.out.println("Error:" + step.meanAbsoluteError());
                    }
                })
                .blockLast();                                      // trains now, on this thread, once

        TrainedNetwork trained = last.network();                   // the weights after the last update
        double[] answer = trained.predict(1, 0, 1);                // close to 1
        // readme-end
        return answer;
    }

    /** "Plugins": a run that logs, stops at a target and uses tanh; returns its result. */
    static TrainingResult plugins(List<TrainingStep> chart) {
        TrainingData xor = XOR;
        // readme-begin plugins
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(0.1).build();
        Training training = Trainer.training(network, xor)
                .steps(60_000)
                .plugin("logging", Map.of("every", 10_000))
                .plugin("early-stopping", Map.of("target", 0.05, "restore-best", true))
                .plugin("tanh")                                   // replaces the default sigmoid
                .build();                                         // everything is checked here, nothing runs yet

        Flux<TrainingStep> steps = training.flux();               // cold, like Trainer.train(...)
        TrainingResult result = training.result(s -> s.doOnNext(chart::add)).block();
        // STOPPED by early-stopping: "error 0.0499... reached the target 0.05 (at step ...)"
        // readme-end
        return result;
    }

    /** "One run, many subscribers": a started run, watched and cancelled; returns its outcome. */
    static Mono<TrainingResult> shared(Training training, List<TrainingStep> chart) {
        // readme-begin shared
        TrainingRun run = training.start();                         // computes now, on Backflux's training threads
        run.steps().transform(TrainingViews.atMostOnePer(Duration.ofMillis(100)))
                .subscribe(step -> chart.add(step));                 // a late subscriber gets the latest step, then live ones
        Mono<TrainingResult> outcome = run.result();                 // how and why it ended, for every subscriber
        run.cancel();                                                // stops it before its next step
        // readme-end
        return outcome;
    }

    /** "Threads": Part 2's learning rates, several runs at once, results in the order of the rates. */
    static Flux<TrainingResult> sweep(int cores) {
        // readme-begin sweep
        Flux<TrainingResult> results = Flux.fromIterable(List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0))
                .flatMapSequential(rate -> training(rate).result().subscribeOn(Schedulers.parallel()), cores);
        // readme-end
        return results;
    }

    /** "Dashboard": a run the application started, in a dashboard mounted into the application's own server. */
    static DisposableServer dashboard(TrainingRun run, List<Dashboard> created) {
        // readme-begin dashboard
        Dashboard dashboard = Dashboard.builder().basePath("/dashboard").maxRuns(2).build();
        dashboard.show("xor, started by the application", run);   // its steps, curve and weights, live

        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> {
                    routes.get("/health", (request, response) -> response.sendString(Mono.just("ok")));
                    dashboard.routes().accept(routes);              // the page and its API under /dashboard
                })
                .bindNow();
        System.out.println("http://127.0.0.1:" + server.port() + "/dashboard/?token=" + dashboard.token());
        // readme-end
        created.add(dashboard);
        return server;
    }

    /** "Micrometer metrics": a run's meters in the application's registry; returns the run's result. */
    static TrainingResult metrics(MeterRegistry registry, TrainingData data) {
        // readme-begin metrics
        TrainingResult result = Trainer.training(Network.of(3, 4, 1), data).steps(60_000)
                .plugin(new MetricsPlugin(registry), Map.of("name", "tutorial"))   // meters tagged run=tutorial
                .build().result().block();
        // While it ran: backflux.run.error, backflux.run.step, backflux.run.steps, backflux.run.step.time.
        // Now they are gone, and backflux.runs.ended{reason=completed} counts it.
        // readme-end
        return result;
    }

    /** "Dropout": the tutorial's Part 3 script, seeded, in Backflux; returns its last step. */
    static TrainingStep dropout(TrainingData xor) {
        // readme-begin dropout
        Network part3 = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).seed(1)
                .dropout(1, 0.2)                                   // dropout_percent on l1, the hidden layer
                .dropoutGradient(DropoutGradient.TUTORIAL)         // its layer_1 * (1 - layer_1), quirk included
                .build();
        TrainingStep last = Trainer.train(part3, xor, 60_000).blockLast();
        Matrix mask = last.dropoutMask(1);                         // 0 = dropped, 1.25 = kept and scaled
        // readme-end
        return last;
    }

    /** "Saving a network": saves a run's last network and loads it to predict; returns the loaded network. */
    static SavedNetwork save(Path directory) throws IOException {
        Path file = directory.resolve("xor.json");
        TrainingData xor = XOR;
        // readme-begin save
        Training training = Trainer.training(Network.of(3, 4, 1), xor).steps(60_000).build();
        TrainingStep last = training.flux().blockLast();
        NetworkFile.write(last, training, file);                   // JSON, replaced atomically

        SavedNetwork saved = NetworkFile.read(file);               // tomorrow, in another JVM
        double[] answer = saved.trained().predict(1, 0, 1);        // bit for bit what last.network() predicts
        Network again = saved.network();                           // or train on from these weights
        // readme-end
        return saved;
    }

    /** "Data from CSV": trains on the Iris data; returns the result, whose accuracy the README gives. */
    static TrainingResult iris(Path file) throws IOException {
        // readme-begin csv
        CsvData iris = CsvReader.builder()
                .skipRows(1).header(false)           // scikit-learn's first row holds counts and class names
                .targets(4).oneHot()                 // the species 0, 1, 2 as three 0/1 outputs
                .shuffle(7).validation(0.2)          // 30 flowers kept aside, never trained on
                .scale()                             // each measurement to 0..1, recorded with the data
                .build().read(file);                 // data/iris.csv
        Network network = Network.builder().layerSizes(4, 8, 3).learningRate(0.02).build();
        TrainingResult result = Trainer.training(network, iris.trainingData()).steps(20_000).build().result().block();
        result.accuracy();                           // OptionalDouble[0.975]: 117 of the 120 training flowers
        result.validationAccuracy();                 // OptionalDouble[1.0]: all 30 validation flowers
        // readme-end
        return result;
    }

    /** "Weights with numpy": saves a trained network's weights for numpy and starts a network from them. */
    static TrainingStep numpy(TrainingStep last, Path directory) throws IOException {
        Path file = directory.resolve("xor.npz");
        // readme-begin numpy
        Npz.writeWeights(last.weights(), file);               // np.load("xor.npz")["syn0"], ["syn1"]

        List<Matrix> weights = Npz.readWeights(file);         // or what np.savez(..., syn0=syn0, syn1=syn1) wrote
        Network resumed = Network.builder().layerSizes(3, 4, 1)
                .weights(weights.get(0).toArray(), weights.get(1).toArray())
                .build();
        // readme-end
        return Trainer.train(resumed, XOR, 1).blockLast();
    }

    static Training training(double rate) {
        return Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(rate).build(), XOR)
                .steps(60_000).configuration(Map.of()).build();
    }
}
