package io.github.profiling.sampler.async;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows a JFR file that async-profiler is still writing and hands out each chunk as soon as
 * it is complete. A chunk in progress carries a placeholder size in its header; async-profiler
 * finishes a chunk and starts the next one in the same file on every {@code dump}. Each
 * finished chunk is self-contained (its own constant pools and metadata), so it is copied to a
 * scratch file that {@code jdk.jfr.consumer.RecordingFile} can read.
 */
final class JfrChunkReader implements AutoCloseable {

	private static final int MAGIC = 0x464c5200; // "FLR\0"

	private static final int HEADER_BYTES = 48;

	private final Path file;

	private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);

	private FileChannel channel;

	private long offset;

	JfrChunkReader(Path file) {
		this.file = file;
	}

	/**
	 * Copies the next complete chunk to {@code scratch} and returns {@code true}, or returns
	 * {@code false} if none is complete yet.
	 */
	boolean nextChunk(Path scratch) throws IOException {
		if (this.channel == null) {
			if (!this.file.toFile().exists()) {
				return false;
			}
			this.channel = FileChannel.open(this.file, StandardOpenOption.READ);
		}
		this.header.clear();
		while (this.header.hasRemaining()) {
			if (this.channel.read(this.header, this.offset + this.header.position()) < 0) {
				return false;
			}
		}
		if (this.header.getInt(0) != MAGIC) {
			throw new IOException("not a JFR chunk at offset " + this.offset + " of " + this.file);
		}
		long size = this.header.getLong(8);
		long metadataOffset = this.header.getLong(24);
		long durationNanos = this.header.getLong(40);
		// In progress: placeholder size, no metadata yet, no duration.
		if (size <= HEADER_BYTES || metadataOffset <= 0 || metadataOffset >= size || durationNanos <= 0
				|| this.channel.size() < this.offset + size) {
			return false;
		}
		try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			long copied = 0;
			while (copied < size) {
				copied += this.channel.transferTo(this.offset + copied, size - copied, out);
			}
		}
		this.offset += size;
		return true;
	}

	/** Bytes of complete chunks read so far. */
	long offset() {
		return this.offset;
	}

	@Override
	public void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
			this.channel = null;
		}
	}

}
