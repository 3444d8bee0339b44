package org.pekkolab.imagepipeline.run;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * What one run is: the inputs and how they are read, the nodes that work on them and how their
 * workers are set up.
 *
 * @param repeat how many times each source is fed
 * @param nodes the node agents the run starts with
 * @param elastic whether nodes that join the cluster during the run take part (cluster mode): the
 *     supervisor then follows the node agents the Receptionist lists
 */
public record RunPlan(List<ImageSource> sources, int repeat, WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes, ReadSettings reads,
        boolean elastic) {

    public RunPlan {
        sources = List.copyOf(sources);
        nodes = List.copyOf(nodes);
    }

    /** A run on a fixed set of nodes. */
    public RunPlan(List<ImageSource> sources, int repeat, WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes, ReadSettings reads) {
        this(sources, repeat, spec, nodes, reads, false);
    }

    public int images() {
        return sources.size() * repeat;
    }
}
