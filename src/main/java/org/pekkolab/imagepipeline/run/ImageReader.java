package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.source.SourceReader;
import org.pekkolab.imagepipeline.source.UnreadableSourceException;

/**
 * Reads images (files or URLs) for the supervisor, one read message at a time, and answers with all
 * of its images at once, saying which reader answered so the supervisor knows it is free again.
 * Reads block, so a run has several of these on the dispatcher its {@link IoDispatcher} names: the
 * filter workers only ever see bytes already in memory, unless the readers are put on the workers'
 * own dispatcher.
 */
public final class ImageReader extends AbstractBehavior<ImageReader.Command> {

    public sealed interface Command {}

    /**
     * Several images to a message where {@link ReadSettings#batchFor} allows it: each message wakes
     * the reader's thread and, with its reply, the supervisor's.
     */
    public record Read(List<Item> items, ActorRef<Reply> replyTo) implements Command {}

    public record Item(long id, ImageSource source) {}

    /** What a reader answers once it has read every item; {@code reader} is free for the next read. */
    public record Reply(List<Result> results, ActorRef<Command> reader) {}

    public sealed interface Result {}

    public record ImageRead(long id, String name, byte[] bytes) implements Result {}

    public record ImageUnreadable(long id, String name, String reason) implements Result {}

    public static Behavior<Command> create(SourceReader sourceReader) {
        return Behaviors.setup(context -> new ImageReader(context, sourceReader));
    }

    private final SourceReader sourceReader;

    private ImageReader(ActorContext<Command> context, SourceReader sourceReader) {
        super(context);
        this.sourceReader = sourceReader;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Read.class, this::onRead).build();
    }

    private Behavior<Command> onRead(Read read) {
        var results = new ArrayList<Result>(read.items().size());
        for (var item : read.items()) {
            results.add(read(item));
        }
        read.replyTo().tell(new Reply(results, getContext().getSelf()));
        return this;
    }

    private Result read(Item item) {
        var name = item.source().name();
        try {
            return new ImageRead(item.id(), name, sourceReader.read(item.source()));
        } catch (UnreadableSourceException e) {
            return new ImageUnreadable(item.id(), name, e.getMessage());
        }
    }
}
