package org.pekkolab.imagepipeline.results;

/**
 * What the mailboxes of a run's push workers measured on one node, or for the whole run.
 *
 * @param peakMailbox the most messages that waited in one worker's mailbox at the same time
 * @param overflowed deliveries a full mailbox refused (each was sent back and delivered again later)
 */
public record MailboxStats(int peakMailbox, int overflowed) {

    /** Nothing measured: pull mode, or a node without push workers. */
    public static final MailboxStats NONE = new MailboxStats(0, 0);

    /** Both together: the higher peak, the overflows added up. */
    public MailboxStats plus(MailboxStats other) {
        return new MailboxStats(Math.max(peakMailbox, other.peakMailbox), overflowed + other.overflowed);
    }
}
