package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.results.Sample;

/**
 * The accounts of one run, kept by its supervisor: every image is counted once, as processed or
 * failed, however many times it was sent, tried or reported; what is never counted is lost. It
 * also knows which images are out with the workers (in flight) and the most that ever were.
 * A plain class: the rules are tested without actors.
 */
public final class RunLedger {

    private final int total;
    private final BitSet accounted = new BitSet();
    private final BitSet out = new BitSet();
    private final List<Failure> failures = new ArrayList<>();
    private final List<ImageTiming> timings = new ArrayList<>();
    private int processed;
    private int retried;
    private int restarts;
    private int redelivered;
    private int inFlight;
    private int peakInFlight;
    /** The images in flight over time, a point per millisecond at most: the value at its end. */
    private final List<Sample> inFlightOverTime = new ArrayList<>();

    private static final long IN_FLIGHT_RESOLUTION_MICROS = 1_000;

    /** @param total the images of the run, ids 0 to total - 1 */
    public RunLedger(int total) {
        this.total = total;
    }

    /** An image was handed to a worker. */
    public void handedOut(long id) {
        if (!accounted.get((int) id) && !out.get((int) id)) {
            out.set((int) id);
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            inFlightChanged();
        }
    }

    /** An image came back without an outcome (refused, or its worker or node went away); true if it was out. */
    public boolean cameBack(long id) {
        if (!out.get((int) id)) {
            return false;
        }
        out.clear((int) id);
        inFlight--;
        inFlightChanged();
        return true;
    }

    private void inFlightChanged() {
        long now = EpochClock.nowMicros();
        int last = inFlightOverTime.size() - 1;
        if (last >= 0 && now - inFlightOverTime.get(last).atMicros() < IN_FLIGHT_RESOLUTION_MICROS) {
            inFlightOverTime.set(last, new Sample(inFlightOverTime.get(last).atMicros(), inFlight));
        } else {
            inFlightOverTime.add(new Sample(now, inFlight));
        }
    }

    /** Images handed to another worker because the worker or node that held them went away. */
    public void redelivered(int images) {
        redelivered += images;
    }

    /** One attempt threw: a supervision event. */
    public void attemptFailed() {
        restarts++;
    }

    /** True the first time the image is accounted for: then it counts as processed, on its {@code attempt}-th try. */
    public boolean processed(long id, ImageTiming timing, int attempt) {
        if (!account(id)) {
            return false;
        }
        processed++;
        retried += attempt - 1;
        timings.add(timing);
        return true;
    }

    /** True the first time the image is accounted for: then it counts as failed after {@code attempts} tries. */
    public boolean failed(long id, String name, String reason, int attempts) {
        if (!account(id)) {
            return false;
        }
        retried += Math.max(0, attempts - 1);
        failures.add(new Failure(name, reason));
        return true;
    }

    private boolean account(long id) {
        if (id < 0 || id >= total || accounted.get((int) id)) {
            return false;
        }
        accounted.set((int) id);
        cameBack(id);
        return true;
    }

    public boolean isAccounted(long id) {
        return accounted.get((int) id);
    }

    public boolean complete() {
        return accounted() == total;
    }

    public int total() {
        return total;
    }

    public int accounted() {
        return accounted.cardinality();
    }

    public int processed() {
        return processed;
    }

    /** Attempts beyond the first, summed over the images accounted for. */
    public int retried() {
        return retried;
    }

    public int restarts() {
        return restarts;
    }

    public int redelivered() {
        return redelivered;
    }

    public int lost() {
        return total - accounted();
    }

    public int inFlight() {
        return inFlight;
    }

    public int peakInFlight() {
        return peakInFlight;
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public List<ImageTiming> timings() {
        return List.copyOf(timings);
    }

    /**
     * The run's outcome: this ledger's counts with what the nodes reported and how long reading was
     * held back; every time on the supervisor's clock, the run's clock started at {@code startedAtMicros}.
     */
    RunOutcome outcome(long startedAtMicros, double wallMs, RunNodes nodes, double heldBackMs) {
        var mailboxes = nodes.mailboxes();
        var onRunClock = timings.stream().map(timing -> timing.shifted(-nodes.clockOffsetMicros(timing.node()))).toList();
        return RunOutcome.builder()
                .startedAtMicros(startedAtMicros)
                .wallMs(wallMs)
                .images(total())
                .processed(processed())
                .failures(failures())
                .retried(retried())
                .redelivered(redelivered())
                .restarts(restarts())
                .lost(lost())
                .peakInFlight(peakInFlight())
                .overflowed(mailboxes.overflowed())
                .peakMailbox(mailboxes.peakMailbox())
                .heldBackMs(heldBackMs)
                .inFlight(List.copyOf(inFlightOverTime))
                .nodeStats(nodes.stats(onRunClock))
                .workerStats(nodes.workerStats())
                .timings(onRunClock)
                .build();
    }
}
