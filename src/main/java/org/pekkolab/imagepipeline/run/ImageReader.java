package org.pekkolab.imagepipeline.run;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.source.SourceReader;
import org.pekkolab.imagepipeline.source.UnreadableSourceException;

/**
 * Reads images (files or URLs) for the supervisor, one at a time, and says which reader answered
 * so the supervisor knows it is free again. Reads block, so a run has several of these on the
 * dispatcher its {@link IoDispatcher} names: the filter workers only ever see bytes already in
 * memory, unless the readers are put on the workers' own dispatcher.
 */
public final class ImageReader extends AbstractBehavior<ImageReader.Command> {

    public sealed interface Command {}

    public record Read(long id, ImageSource source, ActorRef<Reply> replyTo) implements Command {}

    /** What a reader answers; {@code reader} is free for the next read. */
    public sealed interface Reply {
        ActorRef<Command> reader();
    }

    public record ImageRead(long id, String name, byte[] bytes, ActorRef<Command> reader) implements Reply {}

    public record ImageUnreadable(long id, String name, String reason, ActorRef<Command> reader) implements Reply {}

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
        var name = read.source().name();
        try {
            read.replyTo().tell(new ImageRead(read.id(), name, sourceReader.read(read.source()), getContext().getSelf()));
        } catch (UnreadableSourceException e) {
            read.replyTo().tell(new ImageUnreadable(read.id(), name, e.getMessage(), getContext().getSelf()));
        }
        return this;
    }
}
