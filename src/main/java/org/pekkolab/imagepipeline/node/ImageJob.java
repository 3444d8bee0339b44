package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * One image to process, as delivered to a filter worker. It carries the encoded file bytes, not
 * pixels: decoding is part of the parallel work, and encoded images are far smaller to move.
 * Between JVMs it travels as plain bytes ({@link ImageMessageSerializer}).
 *
 * @param id unique within a run (with {@code --repeat}, each feed of a file has its own id)
 * @param replyTo where the worker reports the outcome
 */
public record ImageJob(long id, String name, byte[] encoded, ActorRef<ImageOutcome> replyTo) {}
