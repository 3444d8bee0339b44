package org.pekkolab.imagepipeline.node;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The image messages ({@link ImageJob}, {@link ImageBatch}) as plain bytes: for each image its id,
 * name, the supervisor's address and the encoded file, written once into an array of the exact
 * size. They are most of the bytes a cluster moves, and CBOR through Jackson copied each file
 * several times on both sides (into growing buffers, out of them), looked the class up by name for
 * every message and built a parser per message; here the file is copied once each way.
 * Bound in conf/cluster.conf.
 */
public final class ImageMessageSerializer extends SerializerWithStringManifest {

    private static final String JOB = "J";
    private static final String BATCH = "B";

    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public ImageMessageSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() {
        return 7_310_001;
    }

    @Override
    public String manifest(Object message) {
        if (message instanceof ImageJob) {
            return JOB;
        }
        if (message instanceof ImageBatch) {
            return BATCH;
        }
        throw new IllegalArgumentException("not an image message: " + message.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object message) {
        if (message instanceof ImageJob job) {
            return encode(List.of(job));
        }
        if (message instanceof ImageBatch batch) {
            return encode(batch.jobs());
        }
        throw new IllegalArgumentException("not an image message: " + message.getClass().getName());
    }

    /** A job is written as a batch of one: a count, then for each image its id, name, supervisor and file. */
    private byte[] encode(List<ImageJob> jobs) {
        var names = new byte[jobs.size()][];
        var refs = new byte[jobs.size()][];
        int size = Integer.BYTES;
        for (int i = 0; i < jobs.size(); i++) {
            var job = jobs.get(i);
            names[i] = job.name().getBytes(StandardCharsets.UTF_8);
            refs[i] = resolver().toSerializationFormat(job.replyTo()).getBytes(StandardCharsets.UTF_8);
            size += Long.BYTES + 3 * Integer.BYTES + names[i].length + refs[i].length + job.encoded().length;
        }
        var buffer = ByteBuffer.allocate(size);
        buffer.putInt(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            buffer.putLong(jobs.get(i).id());
            putBytes(buffer, names[i]);
            putBytes(buffer, refs[i]);
            putBytes(buffer, jobs.get(i).encoded());
        }
        return buffer.array();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!JOB.equals(manifest) && !BATCH.equals(manifest)) {
            throw new NotSerializableException("unknown manifest '" + manifest + "' for " + getClass().getSimpleName());
        }
        var buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        var jobs = new ArrayList<ImageJob>(count);
        for (int i = 0; i < count; i++) {
            long id = buffer.getLong();
            var name = new String(getBytes(buffer), StandardCharsets.UTF_8);
            var replyTo = resolver().<ImageOutcome>resolveActorRef(new String(getBytes(buffer), StandardCharsets.UTF_8));
            jobs.add(new ImageJob(id, name, getBytes(buffer), replyTo));
        }
        return JOB.equals(manifest) ? jobs.get(0) : new ImageBatch(jobs);
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes.length);
        buffer.put(bytes);
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        var bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }

    /** Looked up on first use: the serializer is made while the actor system starts, before its extensions. */
    private ActorRefResolver resolver() {
        var current = resolver;
        if (current == null) {
            current = ActorRefResolver.get(Adapter.toTyped(system));
            resolver = current;
        }
        return current;
    }
}
