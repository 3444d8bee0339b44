package org.pekkolab.imagepipeline.results;

/**
 * How much work a run let pile up in front of its workers.
 *
 * @param peakInFlight the most images handed to workers and not yet finished at one time
 * @param overflowed push mode: deliveries refused by a full worker mailbox and sent again later
 * @param peakMailbox push mode: the most messages waiting in one worker's mailbox
 * @param heldBackMs push mode: how long reading was held back because the images sent and not yet
 *     processed held {@code pipeline.push.held-heap-share} of the heap
 */
public record Backpressure(int peakInFlight, int overflowed, int peakMailbox, double heldBackMs) {}
