package org.pekkolab.imagepipeline.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.remote.artery.ThisActorSystemQuarantinedEvent;

/**
 * What this node knew of its contact with the others when it stopped: the cluster's own view is
 * cleared by the time a downed node has stopped. Kept up to date by its actor, {@link #behavior}; {@code node} tells the user.
 */
final class NodeContact {
    /** The other members this node cannot reach, by address, each with how to name it. */
    final Map<String, String> unreachable = new ConcurrentHashMap<>();
    /** Whether another member has cut this node off (quarantined it): the others gave it up. */
    volatile boolean shutOut;

    /** Why this node was downed, from what it saw. */
    String whyDowned() {
        if (shutOut) {
            return "downed by the others: they had lost contact with it";
        }
        if (!unreachable.isEmpty()) {
            return "downed: it had lost contact with " + lost();
        }
        return "downed by the others";
    }

    /** The members it cannot reach, named. */
    String lost() {
        return unreachable.values().stream().sorted().collect(Collectors.joining(", "));
    }

    Behavior<Object> behavior() {
        return Behaviors.setup(context -> {
            var cluster = org.apache.pekko.cluster.typed.Cluster.get(context.getSystem());
            var self = context.getSelf();
            cluster.subscriptions().tell(Subscribe.create(self.narrow(), ClusterEvent.ReachabilityEvent.class));
            cluster.subscriptions().tell(Subscribe.create(self.narrow(), ClusterEvent.MemberRemoved.class));
            cluster.subscriptions().tell(Subscribe.create(self.narrow(), ClusterEvent.ClusterShuttingDown$.class));
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(ThisActorSystemQuarantinedEvent.class, self.narrow()));
            var selfAddress = cluster.selfMember().uniqueAddress();
            return Behaviors.receive(Object.class)
                    .onMessage(ClusterEvent.UnreachableMember.class, event -> {
                        var member = event.member();
                        var address = member.address().toString();
                        unreachable.put(address, isOldest(cluster, member) ? "the coordinator at " + address : address);
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.ReachableMember.class, event -> forget(event.member()))
                    .onMessage(ClusterEvent.MemberRemoved.class,
                            event -> event.member().uniqueAddress().equals(selfAddress) ? Behaviors.same() : forget(event.member()))
                    .onMessage(ThisActorSystemQuarantinedEvent.class, event -> {
                        shutOut = true;
                        return Behaviors.same();
                    })
                    // Stopping, the cluster extension reports every member removed: what was lost stays as it was.
                    .onMessage(ClusterEvent.ClusterShuttingDown$.class, event -> Behaviors.stopped())
                    .build();
        });
    }

    private Behavior<Object> forget(Member member) {
        unreachable.remove(member.address().toString());
        return Behaviors.same();
    }

    /** The oldest member is the coordinator: it joins first. */
    private static boolean isOldest(org.apache.pekko.cluster.typed.Cluster cluster, Member member) {
        for (var other : cluster.state().getMembers()) {
            if (!other.equals(member) && other.status() != MemberStatus.removed() && other.isOlderThan(member)) {
                return false;
            }
        }
        return true;
    }
}
