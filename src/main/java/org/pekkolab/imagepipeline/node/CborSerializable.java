package org.pekkolab.imagepipeline.node;

/**
 * Marks the messages that may cross JVMs in cluster mode. conf/cluster.conf binds it to Pekko's
 * Jackson CBOR serializer, so no message falls back to Java serialization; the image messages have
 * a serializer of their own ({@link ImageMessageSerializer}).
 */
public interface CborSerializable {}
