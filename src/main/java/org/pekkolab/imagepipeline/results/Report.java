package org.pekkolab.imagepipeline.results;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.probes.CoreSpeed;

/**
 * Everything one invocation measured: what {@code report.json} holds.
 *
 * @param clusterCost what moving an image between JVMs costs; null in single mode
 * @param dispatchers what each dispatcher preset of the invocation ran on, by preset name
 * @param coreScaling how much parallel work this machine's cores gave just before the rows ran
 * @param coreSpeed what the same work cost on each core while the rows ran; empty in single mode and
 *     where cores could not be told apart
 */
public record Report(
        Host host,
        Input input,
        Delivery delivery,
        List<String> filters,
        Baseline baseline,
        List<RunResult> runs,
        List<Failure> failures,
        ClusterCost clusterCost,
        Map<String, Dispatcher> dispatchers,
        CoreScaling coreScaling,
        List<CoreSpeed.Sample> coreSpeed) {

    /**
     * @param kernels what the filters ran on, {@link org.pekkolab.imagepipeline.filters.Simd#describe()}
     * @param workerThreads the priority this JVM's image work ran at,
     *     {@link org.pekkolab.imagepipeline.processing.WorkerPriority#describe(int)}
     * @param memoryPages the pages this JVM's memory was on, {@link org.pekkolab.imagepipeline.probes.MemoryPages#describe()}
     */
    public record Host(int cores, String java, long pid, String os, long maxHeapMb, String kernels, String workerThreads, String memoryPages) {}

    /**
     * What was read and how.
     *
     * @param dir the input folder; null when the images came from a URL list
     * @param files input images: files in the folder or URLs in the list
     * @param source {@code dir} or {@code url-list}
     * @param urlList the URL list file ({@code --source}); null for a folder
     * @param ioLatencyMs blocking delay added to every read, in every row
     * @param ioDispatcher where the actor runs' readers ran: blocking, cpu or virtual
     * @param repeat the passes over the input {@code --repeat} asked for, at least
     * @param images the input times {@code repeat}
     * @param minRowMs the time each row ran at least, the input fed again as needed (each run says
     *     how many images it took); 0 when the rows took {@code images}
     * @param readers how many reader actors each actor run had
     * @param leftOut entries of the input folder with an image extension that were not read (a
     *     directory, a FIFO, a socket, a broken link or link loop), with the reason
     */
    public record Input(
            String dir, int files, int repeat, int images, long minRowMs, String source, String urlList, long ioLatencyMs, String ioDispatcher,
            int readers, List<LeftOut> leftOut) {}

    public record LeftOut(String name, String reason) {}

    /**
     * What bounded the images each worker may hold, for the modes that ran; null for a mode that did not.
     *
     * @param window pull: images a worker in its supervisor's JVM may hold ({@code pipeline.window})
     * @param clusterWindow pull in cluster mode: images a worker in another JVM may hold
     * @param clusterBatch pull in cluster mode: images per message to a worker in another JVM, as sent
     * @param mailboxCapacity push: each worker's mailbox bound, 0 for unbounded
     * @param streamBuffer stream: the buffers of each node's stream
     */
    public record Delivery(Integer window, Integer clusterWindow, Integer clusterBatch, Integer mailboxCapacity, Integer streamBuffer) {}

    public record Baseline(double wallMs, double imagesPerSec) {}

    /**
     * What moving an image between JVMs costs, measured over the input files: serializing the
     * image message with the serializer cluster mode uses and reading it back (on the
     * coordinator), and the round trip of the message to another node and its acknowledgement.
     */
    public record ClusterCost(
            String serializer, double bytesPerImage, double serializeUsPerImage, double deserializeUsPerImage, double roundTripUsPerImage) {}

    /**
     * What a dispatcher preset ran on in this JVM (the coordinator's, in cluster mode; the nodes it
     * starts run the same Java and configuration).
     *
     * @param type Dispatcher or PinnedDispatcher
     * @param executor the executor the preset asks for
     * @param runsOn the executor it actually ran on: {@code executor}, or its fallback where that
     *     executor is not available (virtual threads before Java 21)
     * @param threads threads of each run, by the run's worker count: the dispatcher's size, one per
     *     worker (pinned) or the carrier threads of the JVM's virtual-thread scheduler; empty for
     *     an executor sized by its own settings
     * @param throughput messages an actor processes per turn; null for a pinned dispatcher, whose
     *     actor processes all it has
     * @param note what the figures mean where it is not obvious (a fallback, virtual threads,
     *     pinned threads), or null
     */
    public record Dispatcher(String type, String executor, String runsOn, Map<Integer, Integer> threads, Integer throughput, String note) {

        /** "2 threads" when every run had as many, else e.g. "1, 2 threads for 1, 2 workers". */
        public String threadsText() {
            var counts = threads.values().stream().distinct().toList();
            if (counts.size() == 1) {
                return counts.get(0) + (counts.get(0) == 1 ? " thread" : " threads");
            }
            return join(threads.values()) + " threads for " + join(threads.keySet()) + " workers";
        }

        private static String join(Collection<Integer> numbers) {
            return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }
}
