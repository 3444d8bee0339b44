package org.pekkolab.imagepipeline.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.pekkolab.imagepipeline.actors.ImageJob;
import org.pekkolab.imagepipeline.metrics.Report;

/**
 * What the cluster pays per image for serialization: each input file is wrapped in the image
 * message cluster mode sends, serialized with the serializer bound to it and read back, a few
 * times, and the best time of each kept (the cost, not the machine's noise).
 */
final class SerializationCost {

    private static final int ROUNDS = 5;

    private SerializationCost() {}

    static Report.ClusterCost measure(ActorSystem<?> system, List<Path> files) {
        Serialization serialization = SerializationExtension.get(system);
        long bytes = 0;
        long serializeNanos = 0;
        long deserializeNanos = 0;
        int measured = 0;
        String serializerName = "";
        for (var file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                continue;
            }
            var job = new ImageJob(0, file.getFileName().toString(), content, system.ignoreRef());
            var serializer = serialization.findSerializerFor(job);
            serializerName = serializer.getClass().getSimpleName();
            var manifest = Serializers.manifestFor(serializer, job);
            long bestSerialize = Long.MAX_VALUE;
            long bestDeserialize = Long.MAX_VALUE;
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
            }
            bytes += serialized.length;
            serializeNanos += bestSerialize;
            deserializeNanos += bestDeserialize;
            measured++;
        }
        if (measured == 0) {
            return new Report.ClusterCost(serializerName, 0, 0, 0);
        }
        return new Report.ClusterCost(serializerName, (double) bytes / measured, serializeNanos / 1e3 / measured, deserializeNanos / 1e3 / measured);
    }
}
