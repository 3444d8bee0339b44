package org.pekkolab.imagepipeline.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageSource;

/** Plans of test runs: local files, read by four readers on the blocking dispatcher, no added latency. */
public final class TestPlans {

    public static final ReadSettings READS = new ReadSettings(IoDispatcher.BLOCKING, 4, 4, Duration.ZERO, Duration.ofSeconds(10));

    private TestPlans() {}

    public static RunPlan plan(List<Path> files, int repeat, WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes) {
        var sources = files.stream().<ImageSource>map(ImageSource.LocalFile::new).toList();
        return new RunPlan(sources, repeat, spec, nodes, READS);
    }
}
