package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pekkolab.imagepipeline.cluster.ClusterConfig;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.filters.FilterRegistry;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.PullWindow;
import org.pekkolab.imagepipeline.settings.Supervision;

/**
 * Pull mode across two clustered actor systems in one JVM, over Artery on the loopback: the worker
 * in the other system gets its images several to a message. Every image is processed exactly once,
 * also when attempts fail in the middle of a batch and the worker restarts (the images of the
 * batch done before the failure are not done again), and the images in flight stay within the windows.
 */
class BatchedPullTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final PullWindow WINDOW = new PullWindow(4, 16, 4);
    private static final ImageProcessor PROCESSOR = new ImageProcessor(
            new ImageDecoder(1_000_000L), new FilterChain(FilterRegistry.parse("grayscale")), Optional.empty());

    @TempDir
    static Path inputs;

    private static List<Path> files;
    private static ActorTestKit coordinator;
    private static ActorTestKit other;
    private static int runs;

    /**
     * Outcomes go back one by one (outcome-batch 0): the supervisor then counts an image in flight
     * until it is done, not until its outcome's batch leaves, so the windows alone bound the count.
     */
    private static Config config() {
        var base = ConfigFactory.parseString("pipeline.run-dispatchers { \"test-1\" = ${pipeline.dispatchers.fork-join} }\n"
                        + "pipeline.cluster.outcome-batch = 0\n"
                        + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on")
                .withFallback(ConfigFactory.load());
        return ClusterConfig.forNode(base, "127.0.0.1", 0, List.of(), Optional.empty());
    }

    @BeforeAll
    static void formCluster() throws IOException, InterruptedException {
        files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var image = new BufferedImage(8 + i % 5, 6, BufferedImage.TYPE_3BYTE_BGR);
            var file = inputs.resolve("image-" + i + ".png");
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        coordinator = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, config());
        other = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, config());
        var seed = Cluster.get(coordinator.system()).selfMember().address();
        Cluster.get(coordinator.system()).manager().tell(new Join(seed));
        Cluster.get(other.system()).manager().tell(new Join(seed));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (upMembers() < 2) {
            assertTrue(System.nanoTime() < deadline, "the two systems did not form a cluster");
            Thread.sleep(50);
        }
    }

    private static long upMembers() {
        var members = Cluster.get(coordinator.system()).state().getMembers();
        return StreamSupport.stream(members.spliterator(), false).filter(member -> member.status() == MemberStatus.up()).count();
    }

    @AfterAll
    static void shutdown() {
        if (other != null) {
            other.shutdownTestKit();
        }
        if (coordinator != null) {
            coordinator.shutdownTestKit();
        }
    }

    private static RunOutcome run(FaultPlan faults) {
        var besideSupervisor = coordinator.spawn(NodeAgent.create(false, spec -> PROCESSOR), NodeAgent.NAME + "-" + (++runs));
        var elsewhere = other.spawn(NodeAgent.create(false, spec -> PROCESSOR), NodeAgent.NAME + "-" + runs);
        var spec = WorkerSpec.builder("batched-" + runs).workers(1).images(new ImageSettings(List.of("grayscale"), 1_000_000L))
                .window(WINDOW).distribution(Distribution.PULL, 0).faults(new FaultSettings(20, Supervision.RESTART, faults)).build();
        var probe = coordinator.<RunOutcome>createTestProbe();
        coordinator.spawn(RunSupervisor.create(TestPlans.plan(files, 5, spec, List.of(besideSupervisor, elsewhere)), done -> { }, probe.getRef()),
                spec.controlDispatcher());
        var outcome = probe.receiveMessage(TIMEOUT);
        coordinator.stop(besideSupervisor);
        other.stop(elsewhere);
        return outcome;
    }

    @ParameterizedTest(name = "failing attempts: {0}")
    @ValueSource(doubles = {0, 0.15})
    void everyImageOnceAndTheOtherSystemTakesItsShare(double failRate) {
        var outcome = run(new FaultPlan(failRate, 0, 0, 11));

        assertEquals(200, outcome.images());
        assertEquals(200, outcome.processed(), "failures: " + outcome.failures());
        assertEquals(0, outcome.lost());
        assertEquals(200, outcome.workerStats().stream().mapToInt(worker -> worker.images()).sum(), "an image processed twice");
        var otherAddress = Cluster.get(other.system()).selfMember().address().toString();
        assertTrue(outcome.workerStats().stream().anyMatch(worker -> worker.node().equals(otherAddress) && worker.images() > 0),
                "the other system's worker got no image: " + outcome.workerStats());
        assertTrue(outcome.peakInFlight() <= WINDOW.sameJvm() + WINDOW.otherJvm(), "peak in flight " + outcome.peakInFlight());
        if (failRate > 0) {
            assertTrue(outcome.restarts() > 0, "no attempt failed");
        }
    }
}
