package org.pekkolab.imagepipeline.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.runtime.RunFailedException;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.source.SourceReader;
import org.pekkolab.imagepipeline.source.UnreadableSourceException;

/**
 * What the cluster pays per image to move it: each input image is wrapped in the image message
 * cluster mode sends; it is serialized with the serializer bound to it and read back, and sent to
 * another node, which acknowledges it. Each is repeated a few times and the best time kept: the
 * cost, not the machine's noise.
 */
public final class ClusterCostProbe {

    private static final int ROUNDS = 5;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private ClusterCostProbe() {}

    /**
     * @param httpTimeout for URL inputs, which are downloaded again (without the run's added latency: only transfers are timed)
     * @param remote a node agent in another JVM; without one the round trip is not measured (NaN)
     */
    public static Report.ClusterCost measure(ActorSystem<?> system, List<ImageSource> sources, Duration httpTimeout,
            Optional<ActorRef<NodeAgent.Command>> remote) throws InterruptedException {
        var reader = new SourceReader(Duration.ZERO, httpTimeout);
        var serialization = SerializationExtension.get(system);
        long bytes = 0;
        long serializeNanos = 0;
        long deserializeNanos = 0;
        long roundTripNanos = 0;
        int measured = 0;
        String serializerName = "";
        for (var source : sources) {
            byte[] content;
            try {
                content = reader.read(source);
            } catch (UnreadableSourceException e) {
                continue;
            }
            var job = new ImageJob(0, source.name(), content, system.ignoreRef());
            var serializer = serialization.findSerializerFor(job);
            serializerName = serializer.getClass().getSimpleName();
            var manifest = Serializers.manifestFor(serializer, job);
            long bestSerialize = Long.MAX_VALUE;
            long bestDeserialize = Long.MAX_VALUE;
            long bestRoundTrip = Long.MAX_VALUE;
            byte[] serialized = null;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                // serialize() sets the transport information that serializing an ActorRef needs.
                serialized = serialization.serialize(job).get();
                long middle = System.nanoTime();
                serialization.deserialize(serialized, serializer.identifier(), manifest).get();
                long end = System.nanoTime();
                bestSerialize = Math.min(bestSerialize, middle - start);
                bestDeserialize = Math.min(bestDeserialize, end - middle);
                if (remote.isPresent()) {
                    bestRoundTrip = Math.min(bestRoundTrip, roundTrip(system, remote.get(), job));
                }
            }
            bytes += serialized.length;
            serializeNanos += bestSerialize;
            deserializeNanos += bestDeserialize;
            roundTripNanos += bestRoundTrip;
            measured++;
        }
        if (measured == 0) {
            return new Report.ClusterCost(serializerName, 0, 0, 0, 0);
        }
        return new Report.ClusterCost(serializerName, (double) bytes / measured, serializeNanos / 1e3 / measured,
                deserializeNanos / 1e3 / measured, remote.isPresent() ? roundTripNanos / 1e3 / measured : Double.NaN);
    }

    private static long roundTrip(ActorSystem<?> system, ActorRef<NodeAgent.Command> remote, ImageJob job) throws InterruptedException {
        long start = System.nanoTime();
        try {
            AskPattern.<NodeAgent.Command, NodeAgent.ProbeAck>ask(remote, replyTo -> new NodeAgent.Probe(job, replyTo), PROBE_TIMEOUT,
                            system.scheduler())
                    .toCompletableFuture()
                    .get(PROBE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RunFailedException("a node did not acknowledge an image message of " + job.encoded().length + " bytes: " + e.getMessage());
        }
        return System.nanoTime() - start;
    }
}
