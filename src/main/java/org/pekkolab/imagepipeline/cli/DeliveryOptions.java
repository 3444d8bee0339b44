package org.pekkolab.imagepipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** How images reach the workers and how many may wait for them: a section of the help. */
final class DeliveryOptions {

    @Option(names = "--mode", paramLabel = "LIST", split = ",", hideParamSyntax = true, defaultValue = "pull",
            description = {"How images reach the workers, one run each:",
                "pull: work pulling, at most --window images per worker.",
                "push: all at once, through a round-robin router into the workers' mailboxes.",
                "stream: a Pekko Streams graph per node; its demand bounds what is in flight.",
                "Default: ${DEFAULT-VALUE}.", "Example: --mode pull,push"})
    List<String> modes;

    @Option(names = "--window", paramLabel = "N",
            description = {"Images each worker may hold, at least 3; in flight <= workers x window.",
                "Default: pipeline.window (4).",
                "A worker in another JVM than the supervisor: pipeline.cluster.window (16).",
                "Example: --window 8"})
    Integer window;

    @Option(names = "--batch", paramLabel = "N",
            description = {"Pull mode: images per message to a worker in another JVM than the supervisor.",
                "Fewer where its window would hold fewer than 3 messages. 1 sends each image alone.",
                "Default: pipeline.cluster.batch (4).", "Example: --batch 1"})
    Integer batch;

    @Option(names = "--mailbox-capacity", paramLabel = "N",
            description = {"Push mode: bound each worker's mailbox to N messages.",
                "Overflow goes back to the supervisor and is sent again later (counted).",
                "Default: pipeline.push.mailbox-capacity (0 = unbounded).", "Example: --mailbox-capacity 16"})
    Integer mailboxCapacity;

    @Option(names = "--buffer", paramLabel = "N",
            description = {"Stream mode: the buffers between the supervisor and each node's stream.",
                "In flight <= nodes x (workers + 2 x N).",
                "Default: pipeline.stream.buffer (4).", "Example: --buffer 16"})
    Integer streamBuffer;
}
