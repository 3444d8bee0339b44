package org.pekkolab.imagepipeline.node;

/**
 * Marks the messages that may cross JVMs in cluster mode. conf/application.conf binds it to
 * Pekko's Jackson CBOR serializer, so no message falls back to Java serialization.
 */
public interface CborSerializable {}
