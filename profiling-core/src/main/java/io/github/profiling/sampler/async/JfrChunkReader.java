package io.github.profiling.sampler.async;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows a JFR file that async-profiler is still writing and hands out each chunk as
 * soon as it is complete. A chunk in progress carries a placeholder size in its header;
 * async-profiler finishes a chunk and starts the next one in the same file on every
 * {@code dump}. Each finished chunk is self-contained (its own constant pools and
 * metadata), so it is read into a buffer and parsed on its own.
 */
final class JfrChunkReader implements AutoCloseable {

	private static final int MAGIC = 0x464c5200; // "FLR\0"

	private static final int HEADER_BYTES = 48;

	private final Path file;

	// Chunks of a half second are tens of kilobytes; anything this large is not one.
	private static final long MAX_CHUNK_BYTES = 256L * 1024 * 1024;

	private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);

	private ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

	private FileChannel channel;

	private long offset;

	JfrChunkReader(Path file) {
		this.file = file;
	}

	/**
	 * The next complete chunk, in a buffer reused by the next call, or {@code null} if
	 * none is complete yet.
	 */
	ByteBuffer nextChunk() throws IOException {
		if (this.channel == null) {
			if (!this.file.toFile().exists()) {
				return null;
			}
			this.channel = FileChannel.open(this.file, StandardOpenOption.READ);
		}
		this.header.clear();
		while (this.header.hasRemaining()) {
			if (this.channel.read(this.header, this.offset + this.header.position()) < 0) {
				return null;
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
			return null;
		}
		if (size > MAX_CHUNK_BYTES) {
			throw new IOException("a chunk of " + size + " bytes at offset " + this.offset + " of " + this.file);
		}
		if (this.chunk.capacity() < size) {
			this.chunk = ByteBuffer.allocate((int) Math.max(size, this.chunk.capacity() * 2L));
		}
		ByteBuffer chunk = this.chunk;
		chunk.clear().limit((int) size);
		while (chunk.hasRemaining()) {
			if (this.channel.read(chunk, this.offset + chunk.position()) < 0) {
				throw new IOException("chunk at offset " + this.offset + " of " + this.file + " ends early");
			}
		}
		chunk.flip();
		this.offset += size;
		return chunk;
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
