package org.pekkolab.imagepipeline.node;

import java.util.List;

/**
 * The images one reliable-delivery message carries to a pull worker: one beside its supervisor,
 * several for a worker in another JVM, where every message costs CPU on both sides whatever its size
 * ({@code pipeline.cluster.batch}). The worker confirms the message once it has done them all.
 */
public record ImageBatch(List<ImageJob> jobs) {

    public ImageBatch {
        jobs = List.copyOf(jobs);
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
    }
}
