package org.pekkolab.imagepipeline.mailbox;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import scala.Option;

/**
 * A mailbox that measures itself (see {@link MeteredMessageQueue}), bounded or not as
 * {@link MailboxMeters#assign} says for each actor. Configured in conf/application.conf as
 * {@code pipeline.push.mailbox} and selected with {@code MailboxSelector.fromConfig}. Pekko's own
 * {@code MailboxSelector.bounded} cannot be used for this: its queue does not tell its size.
 */
public final class MeteredMailbox implements MailboxType, ProducesMessageQueue<MeteredMessageQueue> {

    /** The constructor Pekko calls for a mailbox type named in configuration. */
    public MeteredMailbox(ActorSystem.Settings settings, Config config) {}

    @Override
    public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
        if (owner.isEmpty() || system.isEmpty()) {
            throw new IllegalArgumentException("a metered mailbox belongs to an actor");
        }
        return MailboxMeters.get(Adapter.toTyped(system.get())).create(owner.get());
    }
}
