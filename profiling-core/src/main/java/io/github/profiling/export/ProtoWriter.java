package io.github.profiling.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protocol-buffer wire-format writes that pprof needs: varints, length-delimited
 * strings and nested messages. Kept here, some fifty lines, so that the core needs no
 * protobuf runtime; the output is checked against an independent pprof decoder in the
 * test suite. Public for the exporters that wrap a profile in a server's own request
 * message.
 */
public final class ProtoWriter {

	private static final int VARINT = 0;

	private static final int LENGTH_DELIMITED = 2;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

	/** An {@code int64}/{@code uint64} field; zero is the default and is not written. */
	public ProtoWriter int64(int field, long value) {
		if (value != 0) {
			tag(field, VARINT);
			varint(value);
		}
		return this;
	}

	/** A {@code repeated int64/uint64} field, packed. */
	public ProtoWriter packed(int field, long[] values, int count) {
		if (count == 0) {
			return this;
		}
		ProtoWriter packed = new ProtoWriter();
		for (int i = 0; i < count; i++) {
			packed.varint(values[i]);
		}
		return bytes(field, packed.toByteArray());
	}

	public ProtoWriter string(int field, String value) {
		return bytes(field, value.getBytes(StandardCharsets.UTF_8));
	}

	public ProtoWriter message(int field, ProtoWriter message) {
		return bytes(field, message.toByteArray());
	}

	public ProtoWriter bytes(int field, byte[] bytes) {
		tag(field, LENGTH_DELIMITED);
		varint(bytes.length);
		this.out.write(bytes, 0, bytes.length);
		return this;
	}

	private void tag(int field, int wireType) {
		varint(((long) field << 3) | wireType);
	}

	private void varint(long value) {
		while ((value & ~0x7FL) != 0) {
			this.out.write((int) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		this.out.write((int) value);
	}

	public byte[] toByteArray() {
		return this.out.toByteArray();
	}

}
