package org.pekkolab.imagepipeline.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.pekkolab.imagepipeline.source.SourceReader;

/**
 * The reading of one run: its {@link ImageReader}s, and which image is read next. Each read goes to
 * a reader that is free, not round robin: a URL that hangs until its timeout then holds up one
 * reader, not every read queued behind it. Reads stay a few images ahead of the workers' demand,
 * several local files to a read where the settings allow ({@code ReadSettings.batchFor}).
 */
final class ReadAhead {

    private final RunPlan plan;
    private final ActorRef<ImageReader.Reply> replies;
    private final Deque<ActorRef<ImageReader.Command>> idle = new ArrayDeque<>();
    /** Images read ahead of demand (held or being read): at least one per reader. */
    private final int limit;
    private final int batch;
    private int next;
    private int outstanding;

    ReadAhead(ActorContext<?> context, RunPlan plan, ActorRef<ImageReader.Reply> replies) {
        this.plan = plan;
        this.replies = replies;
        // One source reader (and HTTP client) for the run, shared by its readers.
        var sourceReader = new SourceReader(plan.reads().latency(), plan.reads().httpTimeout());
        var dispatcher = plan.spec().readerDispatcher(plan.reads().dispatcher());
        for (int i = 1; i <= plan.reads().readers(); i++) {
            idle.add(context.spawn(ImageReader.create(sourceReader), "reader-" + i, dispatcher));
        }
        limit = Math.max(plan.reads().readAhead(), plan.reads().readers());
        batch = plan.reads().batchFor(plan.sources());
    }

    /**
     * Starts reads while a reader is free and fewer than the read-ahead, or {@code demand} if more,
     * are {@code held} or being read.
     *
     * @param demand images the workers may ask for at once (their windows together): reading that far
     *     ahead, a worker in another JVM that asks for a whole batch, or two, does not empty the queue
     *     and leave the next worker waiting for a read
     */
    void readMore(int held, int demand) {
        int ahead = Math.max(limit, demand);
        while (next < plan.images() && !idle.isEmpty() && held + outstanding < ahead) {
            int whole = Math.min(batch, plan.images() - next);
            int size = Math.min(whole, ahead - held - outstanding);
            // A short batch only when half the read-ahead is gone: otherwise the next whole one waits for room.
            if (size < whole && held + outstanding >= ahead / 2) {
                return;
            }
            var items = new ArrayList<ImageReader.Item>(size);
            for (int i = 0; i < size; i++, next++) {
                items.add(new ImageReader.Item(next, plan.sources().get(next % plan.sources().size())));
            }
            idle.poll().tell(new ImageReader.Read(items, replies));
            outstanding += size;
        }
    }

    /** Images not read yet, or being read. */
    int unread() {
        return plan.images() - next + outstanding;
    }

    /** Whether every image of the run has been read (or found unreadable). */
    boolean allRead() {
        return next >= plan.images() && outstanding == 0;
    }

    /** A reader answered: it is free again. */
    void answered(ImageReader.Reply reply) {
        outstanding -= reply.results().size();
        idle.add(reply.reader());
    }
}
