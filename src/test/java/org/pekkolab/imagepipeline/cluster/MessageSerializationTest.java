package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.node.ImageBatch;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.ImageOutcome;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.PushWorker;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Sample;
import org.pekkolab.imagepipeline.results.WorkerStats;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.Supervision;

/** Every message that crosses JVMs in cluster mode survives Pekko's serialization: the image messages as plain bytes, the rest as CBOR. */
class MessageSerializationTest {

    private static final ActorTestKit testKit =
            ActorTestKit.create(ClusterConfig.forNode(ConfigFactory.load(), "127.0.0.1", 0, List.of(), Optional.empty()));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** Serializes and reads back with the serializer bound to the message, checking it is Jackson CBOR. */
    private static Object roundTrip(Object message) {
        return roundTrip(message, "JacksonCborSerializer");
    }

    /** Serializes and reads back with the serializer bound to the message, checking which one it is. */
    private static Object roundTrip(Object message, String serializerName) {
        var serialization = SerializationExtension.get(testKit.system());
        var serializer = serialization.findSerializerFor(message);
        assertEquals(serializerName, serializer.getClass().getSimpleName(), message.getClass().getName());
        var bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void imageJobOfSeveralMegabytesRoundTrips() {
        var supervisor = testKit.<ImageOutcome>createTestProbe().getRef();
        var encoded = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(encoded);
        var job = new ImageJob(42, "huge.png", encoded, supervisor);

        var back = (ImageJob) roundTrip(job, "ImageMessageSerializer");

        assertEquals(42, back.id());
        assertEquals("huge.png", back.name());
        assertArrayEquals(encoded, back.encoded());
        assertEquals(supervisor, back.replyTo());
    }

    @Test
    void batchOfImagesRoundTripsInOrder() {
        var supervisor = testKit.<ImageOutcome>createTestProbe().getRef();
        var random = new Random(11);
        var jobs = new ArrayList<ImageJob>();
        for (int i = 0; i < 4; i++) {
            var encoded = new byte[40 * 1024 + i];
            random.nextBytes(encoded);
            jobs.add(new ImageJob(100 + i, "photo-" + i + ".jpg", encoded, supervisor));
        }

        var back = (ImageBatch) roundTrip(new ImageBatch(jobs), "ImageMessageSerializer");

        assertEquals(4, back.jobs().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + i, back.jobs().get(i).id());
            assertEquals("photo-" + i + ".jpg", back.jobs().get(i).name());
            assertArrayEquals(jobs.get(i).encoded(), back.jobs().get(i).encoded());
            assertEquals(supervisor, back.jobs().get(i).replyTo());
        }
    }

    @Test
    void pushAttemptRoundTripsWithItsImage() {
        var supervisor = testKit.<ImageOutcome>createTestProbe().getRef();
        var encoded = new byte[300 * 1024];
        new Random(3).nextBytes(encoded);

        var back = (PushWorker.Attempt) roundTrip(new PushWorker.Attempt(new ImageJob(9, "pushed.png", encoded, supervisor), 2));

        assertEquals(2, back.number());
        assertEquals(9, back.job().id());
        assertEquals("pushed.png", back.job().name());
        assertArrayEquals(encoded, back.job().encoded());
        assertEquals(supervisor, back.job().replyTo());
    }

    @Test
    void nodeProtocolRoundTrips() {
        var agent = testKit.<NodeAgent.Command>createTestProbe().getRef();
        var spec = WorkerSpec.builder("run-1").dispatcher("fork-join", 2).images(new ImageSettings(List.of("grayscale", "sobel"), 1_000_000))
                .faults(new FaultSettings(2, Supervision.BACKOFF, new FaultPlan(0.2, 0.1, 30, 7))).sampleIntervalMs(50)
                .output(new OutputTarget(Path.of("/tmp/out"), OutputFormat.JPG, 80)).distribution(Distribution.PUSH, 16)
                .control(ControlDispatcher.OWN).build();
        var workerStats = new WorkerStats("worker-1", "pekko://pipeline@127.0.0.1:2552", 10, 123.5, List.of("t-1"), List.of(0, 1));
        var nodeStats = new NodeStats("pekko://pipeline@127.0.0.1:2552", 1234, 10, 123.5, 0.5, 0.9, 256.0, 64.0, 12.0, 2, 2)
                .withCpuLoad(List.of(new Sample(1_796_000_000_050_000L, 0.75), new Sample(1_796_000_000_100_000L, 1.0)));
        var messages = List.of(
                new NodeAgent.StartWorkers(spec, testKit.<NodeAgent.Reply>createTestProbe().getRef()),
                new NodeAgent.WorkersStarted("run-1", "pekko://pipeline@127.0.0.1:2552", 1234, agent, null),
                new NodeAgent.StopWorkers("run-1", testKit.<NodeAgent.Reply>createTestProbe().getRef()),
                new NodeAgent.ClockStarted("run-1"),
                new NodeAgent.ReadClock(testKit.<NodeAgent.Reply>createTestProbe().getRef()),
                new NodeAgent.ClockRead(agent, 1_796_000_000_000_123L),
                new NodeAgent.NodeReport("run-1", new MetricsSnapshot(nodeStats, List.of(workerStats)), new MailboxStats(7, 42)),
                new NodeAgent.Leaving(new NodeAgent.NodeReport("run-1", new MetricsSnapshot(nodeStats.withStatus(NodeStats.LEFT).withMembership(120.5, 980.25),
                        List.of(workerStats)), MailboxStats.NONE), testKit.<Done>createTestProbe().getRef()),
                new NodeAgent.Shutdown());
        for (var message : messages) {
            assertEquals(message, roundTrip(message));
        }
    }

    @Test
    void workerReportsRoundTrip() {
        var timing = new ImageTiming("a.jpg", "worker-1", "pekko://pipeline@127.0.0.1:2552", "thread-1", 1, 1500, List.of(10L, 20L, 30L), 1600, 262_144, 3_000_000, 7_000_000, 8_500_000, 1_796_000_000_000_000L);
        var messages = List.of(
                new ImageOutcome.Processed(3, timing, 2),
                new ImageOutcome.Failed(4, "b.jpg", "truncated image data", 1),
                new ImageOutcome.AttemptFailed(5, "worker-2"),
                new ImageOutcome.Undelivered(5, 3),
                new ImageOutcome.Batch(List.of(new ImageOutcome.Processed(6, timing, 1), new ImageOutcome.AttemptFailed(7, "worker-1"),
                        new ImageOutcome.Failed(7, "c.jpg", "gave up", 3))));
        for (var message : messages) {
            assertEquals(message, roundTrip(message));
        }
    }
}
