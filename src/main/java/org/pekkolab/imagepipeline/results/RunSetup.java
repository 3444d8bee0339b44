package org.pekkolab.imagepipeline.results;

/**
 * What ran: the kind of run, its dispatcher and workers, and for an actor run how its images reached
 * the workers and where its readers and control actors worked. The settings an actor run has are
 * their labels ({@code push}, {@code cpu}, ...); a plain run has {@link #NONE} for them.
 *
 * @param dispatcher the actor run's dispatcher preset, {@code thread-pool} for the ExecutorService
 * @param distribution {@code pull}, {@code push} or {@code stream}
 * @param reads where the image readers ran: {@code blocking}, {@code cpu} or {@code virtual}
 * @param control where the control actors worked: {@code shared} or {@code own}
 * @param controlSetting the setting that put them there: {@code auto}, {@code shared} or {@code own}
 * @param nodes the JVMs that ran workers, those that left or died during the run included
 * @param workers workers per node; the threads of the ExecutorService
 */
public record RunSetup(RunKind kind, String dispatcher, String distribution, String reads, String control, String controlSetting, int nodes,
        int workers) {

    /** An actor run's setting in a plain run, which has none. */
    public static final String NONE = "-";

    /** The sequential baseline. */
    public static RunSetup sequential() {
        return new RunSetup(RunKind.SEQUENTIAL, NONE, NONE, NONE, NONE, NONE, 1, 1);
    }

    /** The ExecutorService row with {@code threads} threads. */
    public static RunSetup executor(int threads) {
        return new RunSetup(RunKind.EXECUTOR, "thread-pool", NONE, NONE, NONE, NONE, 1, threads);
    }

    /**
     * A short label for tables, charts and the progress display, e.g. {@code sequential}, {@code executor/2w},
     * {@code single/fork-join/2w}, {@code cluster/fork-join/1wx2n/push}.
     */
    public String label() {
        return switch (kind) {
            case SEQUENTIAL -> "sequential";
            case EXECUTOR -> "executor/" + workers + "w";
            case SINGLE, CLUSTER -> kind.label() + "/" + dispatcher + "/" + workers + "w" + (nodes > 1 ? "x" + nodes + "n" : "") + choices();
        };
    }

    /**
     * The label of the runs a chart joins into one line, which differ only in their worker count (the
     * chart's x axis), e.g. {@code single/fork-join}, {@code cluster/fork-join/push x2 nodes}.
     */
    public String seriesLabel() {
        return kind.label() + "/" + dispatcher + choices() + (nodes > 1 ? " x" + nodes + " nodes" : "");
    }

    /**
     * What an actor run chose besides its dispatcher, where that is not the default: push, reads off the
     * blocking dispatcher ({@code /cpu-reads}), a control placement chosen by hand ({@code /shared-control};
     * auto's is not part of what the run is).
     */
    private String choices() {
        return ("pull".equals(distribution) || NONE.equals(distribution) ? "" : "/" + distribution)
                + (NONE.equals(reads) || "blocking".equals(reads) ? "" : "/" + reads + "-reads")
                + (NONE.equals(controlSetting) || "auto".equals(controlSetting) ? "" : "/" + controlSetting + "-control");
    }
}
