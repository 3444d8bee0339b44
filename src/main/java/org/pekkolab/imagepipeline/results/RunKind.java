package org.pekkolab.imagepipeline.results;

/**
 * What ran a row of the sweep: one of the two plain references the actors are measured against,
 * or the filter-worker actors in this JVM or across a cluster.
 */
public enum RunKind {
    /** The baseline: every image in turn on one thread. */
    SEQUENTIAL("sequential"),
    /** A plain fixed-size ExecutorService. */
    EXECUTOR("executor"),
    /** Filter-worker actors in this JVM. */
    SINGLE("single"),
    /** Filter-worker actors on every node of a cluster. */
    CLUSTER("cluster");

    private final String label;

    RunKind(String label) {
        this.label = label;
    }

    /** The name reports show, the {@code mode} of {@code report.json} and {@code runs.csv}. */
    public String label() {
        return label;
    }

    /** Whether actors did the work, as opposed to one of the plain references. */
    public boolean actors() {
        return this == SINGLE || this == CLUSTER;
    }
}
