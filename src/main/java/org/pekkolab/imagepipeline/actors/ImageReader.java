package org.pekkolab.imagepipeline.actors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Reads image files for the supervisor. File reads block, so this actor is spawned on the
 * blocking I/O dispatcher and the CPU dispatcher only ever sees bytes already in memory.
 */
public final class ImageReader extends AbstractBehavior<ImageReader.Command> {

    public sealed interface Command {}

    public record Read(long id, Path path, ActorRef<PipelineSupervisor.Command> replyTo) implements Command {}

    public static Behavior<Command> create() {
        return Behaviors.setup(ImageReader::new);
    }

    private ImageReader(ActorContext<Command> context) {
        super(context);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Read.class, this::onRead).build();
    }

    private Behavior<Command> onRead(Read read) {
        var name = read.path().getFileName().toString();
        try {
            read.replyTo().tell(new PipelineSupervisor.FileRead(read.id(), name, Files.readAllBytes(read.path())));
        } catch (NoSuchFileException e) {
            read.replyTo().tell(new PipelineSupervisor.FileUnreadable(read.id(), name, "file disappeared"));
        } catch (IOException | OutOfMemoryError e) {
            // readAllBytes throws OutOfMemoryError for a file over 2 GB: one input's problem, not the run's.
            read.replyTo().tell(new PipelineSupervisor.FileUnreadable(read.id(), name, "cannot read: " + e.getMessage()));
        }
        return this;
    }
}
