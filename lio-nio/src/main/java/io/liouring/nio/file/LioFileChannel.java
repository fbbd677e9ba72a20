package io.liouring.nio.file;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * A {@link FileChannel} whose I/O runs on io_uring: the {@code FileChannel} Javadoc is its specification, and it
 * behaves as the JDK's own file channel on Linux does (open options, exceptions, position rules, locks).
 *
 * <ul>
 *   <li><b>Reads and writes</b> try the page cache first without blocking ({@code preadv2}/{@code pwritev2} with
 *       {@code RWF_NOWAIT}) and go to the ring ({@code IORING_OP_READ}/{@code WRITE}) only when that would wait
 *       (see {@link RingFile}); a virtual thread waiting for the ring parks and frees its carrier, and no
 *       event-loop thread ever waits for it. Where the file system cannot tell without waiting (ext4 refuses every
 *       buffered {@code RWF_NOWAIT} write), a virtual thread's buffered write of at most 1 MiB, without
 *       {@code SYNC}/{@code DSYNC}, is a {@code pwrite} on its carrier, as the JDK's is, unless one lately waited
 *       ({@link CarrierWrites}). Relative reads and writes share the channel's position, under one lock; positional
 *       ones do not touch it. In append mode every write goes to the end of the file, also a
 *       positional one (as {@code pwrite(2)} does with {@code O_APPEND}), and {@link #position()} is the size.
 *   <li><b>A file without a position</b> (a named pipe, a socket, a terminal: {@code lseek} answers
 *       {@code ESPIPE}) is read and written relatively as a stream; what needs a position — {@link #position()}
 *       outside append mode, {@link #position(long)}, positional reads and writes, {@link #truncate},
 *       {@link #transferTo} and {@link #transferFrom} — fails with {@code IOException: Illegal seek}, as the JDK's
 *       channel does.
 *   <li><b>{@code ExtendedOpenOption.DIRECT}</b>: every read and write checks, before any I/O and with the JDK's
 *       messages, that the file position, a direct buffer's address and the bytes remaining are multiples of the
 *       file store's block size ({@link DirectAlignment}), also for the buffers it copies through memory of its own;
 *       a transfer checks its position and the bytes it is to move (bounded by the file's size, or the source's).
 *   <li><b>Interruptible</b> ({@link java.nio.channels.spi.AbstractInterruptibleChannel}): a thread interrupted
 *       before or during a blocking call closes the channel and gets
 *       {@link java.nio.channels.ClosedByInterruptException}; a thread blocked while another closes the channel
 *       gets {@link java.nio.channels.AsynchronousCloseException}. Closing cancels what is in flight on the ring
 *       and gives the descriptor back only once the kernel has released every request.
 *   <li><b>Locks</b> are open-file-description record locks ({@code fcntl(F_OFD_SETLK)}) with a JVM-wide table
 *       for {@link java.nio.channels.OverlappingFileLockException}: closing another descriptor of the file (a JDK
 *       channel, {@link #map}'s) does not release them; see {@link PosixLocks} for why and how a blocking
 *       {@link #lock} waits.
 *   <li><b>Transfers</b> between two of our file channels are copied by the kernel ({@code copy_file_range}, in
 *       chunks, see {@link KernelCopy}), as the JDK's channel copies between its own; a platform thread's
 *       {@code transferTo} into one of the JDK's channels (a socket: {@code sendfile}) runs through a JDK channel
 *       on the same file ({@link JdkTransferSource}); other transfers, and those the kernel refuses, move the bytes
 *       through a pooled native buffer: reads of this file (page cache first, then the ring) and writes of the
 *       target, or reads of the source and writes of this file.
 *   <li><b>Mapping</b> needs the JDK's own {@link MappedByteBuffer}, which only the JDK can make: {@link #map}
 *       opens a JDK file channel on {@code /proc/self/fd/N} (this channel's descriptor, so it works after the
 *       file was unlinked too) with the access the mode needs, maps through it and closes it; the mapping
 *       stays valid as the Javadoc promises. {@link #map(MapMode, long, long, Arena)} does the same.
 * </ul>
 */
final class LioFileChannel extends FileChannel {
    /** The open file. */
    private final RingFile file;
    /** Opened for reading. */
    private final boolean readable;
    /** Opened for writing. */
    private final boolean writable;
    /** Opened with {@code APPEND}: writes go to the end. */
    private final boolean append;
    /** Guards {@link #position} and orders relative reads and writes. */
    private final ReentrantLock positionLock = new ReentrantLock();
    /** The position of relative reads and writes (unused in append mode); guarded by {@link #positionLock}. */
    private long position;
    /** How an interrupt of a thread in a blocking call acts on the channel. */
    private volatile Interrupts interrupts = Interrupts.INTERRUPTIBLE;
    /** The JDK's channel on this file through which transfers into the JDK's own channels run. */
    private final JdkTransferSource jdkSource;
    /** For an O_DIRECT file, the alignment every read and write must keep; {@code null} otherwise. */
    private final DirectAlignment alignment;

    /** A channel on an opened file. */
    private LioFileChannel(RingFile file) {
        this.file = file;
        this.readable = file.options().readable();
        this.writable = file.options().writable();
        this.append = file.options().append();
        this.jdkSource = new JdkTransferSource(file);
        this.alignment = file.alignment();
        file.closeWhenUnreachable(this);
    }

    /**
     * Opens a file channel on {@code jdkPath} (a path of the JDK's built-in file system), as
     * {@link FileChannel#open(Path, Set, FileAttribute[])} specifies; the file is opened through the ring
     * ({@code IORING_OP_OPENAT}). See {@link ChannelOptions} for the options. (Public only because it hides
     * {@code FileChannel.open} of the same signature; the class itself is package-private.)
     *
     * @throws IllegalArgumentException      for {@code APPEND} with {@code READ} or {@code TRUNCATE_EXISTING}
     * @throws UnsupportedOperationException for an option or initial attribute that is not supported
     * @throws java.nio.file.NoSuchFileException        if the file does not exist and is not to be created
     * @throws java.nio.file.FileAlreadyExistsException with {@code CREATE_NEW} if it exists
     * @throws java.nio.file.AccessDeniedException      if the file may not be opened so
     * @throws IOException                              for any other failure, naming the path and errno
     */
    public static FileChannel open(Path jdkPath, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Objects.requireNonNull(jdkPath, "path");
        ChannelOptions checked = ChannelOptions.of(options, attrs, true);
        return new LioFileChannel(RingFile.open(LioPath.forSystemCall(jdkPath), checked));
    }

    // ================================================================== reading

    /**
     * Reads into {@code dst} from the channel's position, which advances by the count.
     *
     * @return bytes read, possibly 0, or -1 if the position is at or after the end of the file
     * @throws NonReadableChannelException if the channel was not opened for reading
     * @throws IllegalArgumentException    if {@code dst} is read-only
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst");
        ensureOpen();
        checkReadable();
        checkNotReadOnly(dst);
        return relative(() -> {
            if (alignment != null) {
                alignment.checkPosition(position);
                alignment.checkBuffer(dst);
            }
            int n = file.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        });
    }

    /**
     * Scattering read from the channel's position into {@code dsts[offset..offset+length)}, filling each buffer
     * before the next; stops at the first short read.
     *
     * @return bytes read, or -1 at end of file
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not fit {@code dsts}
     */
    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ensureOpen();
        checkReadable();
        for (int i = offset; i < offset + length; i++) {
            checkNotReadOnly(Objects.requireNonNull(dsts[i], "dsts[" + i + "]"));
        }
        return relative(() -> {
            if (alignment != null) {
                alignment.checkPosition(position);
                alignment.checkBuffers(dsts, offset, length);
            }
            long total = 0;
            boolean endOfFile = false;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer dst = dsts[i];
                if (!dst.hasRemaining()) {
                    continue;
                }
                // after the first bytes, a pipe's read takes what it holds now and waits for no more, as readv(2)
                int n = total == 0 ? file.read(dst, position + total) : file.readMore(dst, position + total);
                if (n < 0) {
                    endOfFile = true;
                    break;
                }
                if (n == 0) {
                    break;
                }
                total += n;
                if (dst.hasRemaining()) {
                    break;
                }
            }
            position += total;
            return total == 0 && endOfFile ? -1 : total;
        });
    }

    /**
     * Reads into {@code dst} from {@code position}; the channel's position does not change.
     *
     * @return bytes read, possibly 0, or -1 if {@code position} is at or after the end of the file
     * @throws IllegalArgumentException    if {@code position} is negative or {@code dst} is read-only
     * @throws NonReadableChannelException if the channel was not opened for reading
     */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        Objects.requireNonNull(dst, "dst");
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureOpen();
        checkReadable();
        checkNotReadOnly(dst);
        if (alignment != null) {
            alignment.checkPosition(position);
            alignment.checkBuffer(dst);
        }
        beginCall(); // blocking(...) spelled out: the hot path of random reads, without a lambda or a box
        boolean completed = false;
        try {
            ensureOpen();
            if (dst.hasRemaining()) {
                file.requireSeekable();
            }
            int n = file.read(dst, position);
            completed = true;
            return n;
        } finally {
            endCall(completed);
        }
    }

    // ================================================================== writing

    /**
     * Writes all of {@code src} at the channel's position (at the end of the file in append mode); the position
     * advances to just after the bytes written. Fewer only where the file runs out of room part way (a full device,
     * {@code RLIMIT_FSIZE}): the count written, as the JDK's channel returns it, and the next write fails.
     *
     * @throws NonWritableChannelException if the channel was not opened for writing
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src");
        ensureOpen();
        checkWritable();
        return relative(() -> {
            if (alignment != null) {
                alignment.checkPosition(append ? file.size() : position);
                alignment.checkBuffer(src);
            }
            int n = file.write(src, append ? -1 : position);
            if (!append) {
                position += n;
            }
            return n;
        });
    }

    /**
     * Gathering write of {@code srcs[offset..offset+length)} in order at the channel's position (at the end in
     * append mode), all of their bytes, or as many as fitted where the file runs out of room part way.
     *
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not fit {@code srcs}
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        for (int i = offset; i < offset + length; i++) {
            Objects.requireNonNull(srcs[i], "srcs[" + i + "]");
        }
        ensureOpen();
        checkWritable();
        return relative(() -> {
            if (alignment != null) {
                alignment.checkPosition(append ? file.size() : position);
                alignment.checkBuffers(srcs, offset, length);
            }
            ByteBuffer whole = append ? gathered(srcs, offset, length) : null;
            if (whole != null) {
                int n = file.write(whole, -1);
                int left = n;
                for (int i = offset; i < offset + length; i++) {
                    int taken = Math.min(left, srcs[i].remaining());
                    srcs[i].position(srcs[i].position() + taken);
                    left -= taken;
                }
                return (long) n;
            }
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                try {
                    total += file.write(srcs[i], append ? -1 : position + total);
                } catch (IOException e) {
                    if (total > 0) {
                        break; // as a short writev(2): the bytes written stand, the failure is the next write's
                    }
                    throw e;
                }
                if (srcs[i].hasRemaining()) {
                    break;
                }
            }
            if (!append) {
                position += total;
            }
            return total;
        });
    }

    /**
     * The remaining bytes of {@code srcs[offset..offset+length)} in one buffer, so that an append writes them in one
     * call as the JDK's {@code writev} does, and another appender's bytes never land between two of them; the sources
     * are not advanced. {@code null} if there are more than one buffer can hold: those go one buffer at a time.
     */
    private static ByteBuffer gathered(ByteBuffer[] srcs, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        if (total > Integer.MAX_VALUE - 8) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.allocate((int) total);
        for (int i = offset; i < offset + length; i++) {
            whole.put(srcs[i].duplicate());
        }
        return whole.flip();
    }

    /**
     * Writes all of {@code src} at {@code position}, growing the file if needed; the channel's position does not
     * change. In append mode the bytes go to the end of the file, as {@code pwrite(2)} with {@code O_APPEND} and
     * the JDK's channel do on Linux.
     *
     * @throws IllegalArgumentException    if {@code position} is negative
     * @throws NonWritableChannelException if the channel was not opened for writing
     */
    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        Objects.requireNonNull(src, "src");
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureOpen();
        checkWritable();
        if (alignment != null) {
            alignment.checkPosition(position);
            alignment.checkBuffer(src);
        }
        return blocking(() -> {
            if (src.hasRemaining()) {
                file.requireSeekable();
            }
            return file.write(src, position);
        });
    }

    // ================================================================== position, size, truncate, force

    /**
     * The channel's position; in append mode, the file's size; for a character device, what its driver makes of the
     * position as a file offset ({@code lseek}: always 0 for {@code /dev/null} and {@code /dev/zero}), as the JDK's
     * channel reports it. As with the JDK's channel, it waits for a relative read or write in progress, and an
     * interrupt closes the channel as in every blocking call.
     */
    @Override
    public long position() throws IOException {
        ensureOpen();
        return relative(() -> {
            if (append) {
                return file.size();
            }
            file.requireSeekable();
            position = file.positionOnDevice(position);
            return position;
        });
    }

    /**
     * Sets the channel's position; beyond the end of the file a read then returns -1 and a write grows the file. A
     * character device's driver decides where the position lands ({@code lseek(2)}), as with the JDK's channel.
     *
     * @throws IllegalArgumentException if {@code newPosition} is negative
     */
    @Override
    public FileChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException(); // without a message, as the JDK's
        }
        return relative(() -> {
            file.requireSeekable();
            position = file.positionOnDevice(newPosition);
            return this;
        });
    }

    /** The file's current size ({@code statx} of the descriptor). */
    @Override
    public long size() throws IOException {
        ensureOpen();
        return blocking(file::size);
    }

    /**
     * Cuts the file to {@code size} bytes if it is larger ({@code IORING_OP_FTRUNCATE}); a file that is not larger
     * is left alone. Either way a position beyond {@code size} is set to {@code size}.
     *
     * @throws IllegalArgumentException    if {@code size} is negative
     * @throws NonWritableChannelException if the channel was not opened for writing
     */
    @Override
    public FileChannel truncate(long size) throws IOException {
        ensureOpen();
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        checkWritable();
        return relative(() -> {
            file.requireSeekable();
            if (size < file.size()) {
                file.truncate(size);
            }
            if (position > size) {
                position = size;
            }
            return this;
        });
    }

    /**
     * Flushes the file's content to storage, and its metadata if {@code metaData} ({@code IORING_OP_FSYNC}, with
     * {@code IORING_FSYNC_DATASYNC} when not).
     */
    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        blocking(() -> {
            file.force(metaData);
            return null;
        });
    }

    // ================================================================== transfers

    /**
     * Copies up to {@code count} bytes of this file from {@code position} to {@code target}; this channel's position
     * does not change. Nothing is copied if {@code position} is at or past the end, except from a file that reports
     * size 0 (a {@code /proc} file), which is read to its end. Into another of our file channels, not in append
     * mode, the kernel copies ({@code copy_file_range}, see {@link KernelCopy}). Into a channel of the JDK's own (a
     * socket, a pipe, a JDK file channel), on a platform thread, the JDK's channel on this file does the transfer
     * ({@link JdkTransferSource}: {@code sendfile(2)} or {@code copy_file_range(2)}, no byte through user memory); on
     * a virtual thread, whose carrier {@code sendfile} of an uncached file would hold while the device reads, and in
     * every other case, the bytes pass through a bounce buffer, and the transfer stops early if {@code target} takes
     * fewer bytes than offered (a non-blocking target).
     *
     * @return the number of bytes copied
     * @throws IllegalArgumentException    if {@code position} or {@code count} is negative
     * @throws NonReadableChannelException if this channel was not opened for reading
     * @throws NonWritableChannelException if {@code target} is a file channel of ours not opened for writing
     */
    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        ensureOpen();
        if (!target.isOpen()) {
            throw new ClosedChannelException();
        }
        checkReadable();
        if (target instanceof LioFileChannel lio && !lio.writable) {
            throw new NonWritableChannelException();
        }
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException(); // without a message, as the JDK's
        }
        try {
            long size = size(); // an interrupt here, too, closes both channels
            if (position > size || position == size && size > 0) {
                // the Javadoc: nothing is transferred (and a read there could overflow the file offset); a file that
                // reports size 0, such as /proc/mounts, is read to its end instead, as the JDK's channel does
                return 0;
            }
            file.requireSeekable();
            if (size == 0) {
                return bounceTo(target, position, count);
            }
            long remaining = Math.min(count, size - position); // as the JDK bounds it, for a file growing meanwhile
            if (alignment != null) {
                alignment.checkPosition(position);
                alignment.checkLength(remaining);
            }
            if (target instanceof LioFileChannel lio && !lio.append) {
                return copyTo(lio, position, remaining);
            }
            FileChannel jdk = JdkTransferSource.serves(target) && interrupts == Interrupts.INTERRUPTIBLE
                    && !Thread.currentThread().isVirtual() ? jdkSource.channel() : null;
            if (jdk != null) {
                return jdk.transferTo(position, remaining, target);
            }
            return bounceTo(target, position, remaining);
        } catch (ClosedChannelException e) {
            throw transferFailed(e, target);
        }
    }

    /**
     * The kernel's copy ({@link KernelCopy}) of up to {@code count} bytes of this file from {@code position} into
     * {@code target} at its position, under its position lock, as one blocking call of this channel; the target's
     * position advances by the bytes copied, also when the copy fails part way. Where the kernel will not copy
     * between the two files, the rest goes through {@link #bounceTo}.
     *
     * @return bytes copied, fewer than {@code count} only if the source ended early
     */
    private long copyTo(LioFileChannel target, long position, long count) throws IOException {
        return kernelCopy(target, at -> new KernelCopy(file, position, target.file, at, count),
                moved -> bounceTo(target, position + moved, count - moved));
    }

    /**
     * Copies up to {@code count} bytes of this file from {@code position} to {@code target} through a pooled bounce
     * buffer: reads of this file, and relative writes of {@code target}.
     *
     * @return bytes copied; fewer at the end of the file, or if {@code target} took fewer than offered
     */
    private long bounceTo(WritableByteChannel target, long position, long count) throws IOException {
        IoScratch scratch = ScratchPool.take(count);
        try {
            long moved = 0;
            while (moved < count) {
                int step = (int) Math.min(count - moved, scratch.bounce.byteSize());
                int n = readStep(scratch, step, position + moved);
                if (n <= 0) {
                    break;
                }
                int written = target instanceof LioFileChannel lio
                        ? lio.writeFromBounce(scratch, n)
                        : target.write(scratch.bounce.asSlice(0, n).asByteBuffer());
                moved += written;
                if (written != n) {
                    break;
                }
            }
            return moved;
        } finally {
            scratch.release();
        }
    }

    /**
     * Copies up to {@code count} bytes from {@code src} (from its position, which advances) into this file at
     * {@code position}; this channel's position does not change. A {@code position} past the end grows the file,
     * as the JDK 21+ Javadoc says. From another of our file channels whose file does not report size 0, into this
     * channel not in append mode, the kernel copies ({@code copy_file_range}, see {@link KernelCopy}); otherwise the
     * bytes pass through a bounce buffer, and the transfer stops when {@code src} has no more to give now (end of
     * stream, or 0 from a non-blocking source).
     *
     * @return the number of bytes copied
     * @throws IllegalArgumentException    if {@code position} or {@code count} is negative
     * @throws NonWritableChannelException if this channel was not opened for writing
     * @throws NonReadableChannelException if {@code src} is a file channel of ours not opened for reading
     */
    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        ensureOpen();
        if (!src.isOpen()) {
            throw new ClosedChannelException();
        }
        if (src instanceof LioFileChannel lio && !lio.readable) {
            // whatever the count, and before this channel's own access, as the JDK's channel checks
            throw new NonReadableChannelException();
        }
        checkWritable();
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException(); // without a message, as the JDK's
        }
        try {
            file.requireSeekable(); // before a byte of src is taken
            if (alignment != null) {
                alignment.checkPosition(position);
                if (src instanceof LioFileChannel lio) {
                    alignment.checkLength(Math.min(count, Math.max(0, lio.size() - lio.position())));
                }
            }
            // as the JDK's channel: a source that reports size 0 (a /proc file) is read, not copied by the kernel
            return src instanceof LioFileChannel lio && !append && lio.size() > 0
                    ? copyFrom(lio, position, count)
                    : bounceFrom(src, position, count);
        } catch (ClosedChannelException e) {
            throw transferFailed(e, src);
        }
    }

    /**
     * The kernel's copy ({@link KernelCopy}) of up to {@code count} bytes of {@code source} from its position, under
     * its position lock, into this file at {@code position}, as one blocking call of this channel; the source's
     * position advances by the bytes copied, also when the copy fails part way. Where the kernel will not copy
     * between the two files, the rest goes through {@link #bounceFrom}.
     *
     * @return bytes copied, fewer than {@code count} at the end of the source
     */
    private long copyFrom(LioFileChannel source, long position, long count) throws IOException {
        return kernelCopy(source, at -> new KernelCopy(source.file, at, file, position, count),
                moved -> bounceFrom(source, position + moved, count - moved));
    }

    /**
     * Runs the kernel's copy that {@code copyAt} makes for {@code positioned}'s position (the other channel of a
     * transfer, whose position the copy starts at and advances) under that channel's position lock, as one blocking
     * call of this channel; the position advances by the bytes copied, also when the copy fails part way. If the
     * kernel refused the two files, {@code rest} moves the remainder, given the bytes already copied.
     */
    private long kernelCopy(LioFileChannel positioned, LongFunction<KernelCopy> copyAt, Remainder rest)
            throws IOException {
        positioned.positionLock.lock();
        try {
            KernelCopy copy = copyAt.apply(positioned.position);
            try {
                blocking(copy::run);
            } finally {
                positioned.position += copy.copied();
            }
            long moved = copy.copied();
            return copy.refused() ? moved + rest.copy(moved) : moved;
        } finally {
            positioned.positionLock.unlock();
        }
    }

    /** The copy of what the kernel would not copy, through the bounce buffer. */
    @FunctionalInterface
    private interface Remainder {
        /** {@return bytes copied} after {@code moved} bytes were copied by the kernel */
        long copy(long moved) throws IOException;
    }

    /**
     * Copies up to {@code count} bytes from {@code src} into this file at {@code position} through a pooled bounce
     * buffer: relative reads of {@code src}, and writes of this file.
     *
     * @return bytes copied; fewer when {@code src} has no more to give now
     */
    private long bounceFrom(ReadableByteChannel src, long position, long count) throws IOException {
        IoScratch scratch = ScratchPool.take(count);
        try {
            long moved = 0;
            while (moved < count) {
                int step = (int) Math.min(count - moved, scratch.bounce.byteSize());
                int n = src instanceof LioFileChannel lio
                        ? lio.readIntoBounce(scratch, step)
                        : src.read(scratch.bounce.asSlice(0, step).asByteBuffer());
                if (n <= 0) {
                    break;
                }
                int written = writeStep(scratch, n, position + moved);
                moved += written;
                if (written != n) {
                    break;
                }
            }
            return moved;
        } finally {
            scratch.release();
        }
    }

    /**
     * The exception of a transfer that met a closed channel, either one, as the JDK's channel makes it: with the
     * thread interrupted (and this channel interruptible), both channels are closed and it is
     * {@link ClosedByInterruptException}; otherwise one of them was closed during the transfer, an
     * {@link AsynchronousCloseException}.
     */
    private AsynchronousCloseException transferFailed(ClosedChannelException cause, Channel other) {
        ClosedByInterruptException interrupted = cause instanceof ClosedByInterruptException e ? e
                : interrupts != Interrupts.UNINTERRUPTIBLE && Thread.currentThread().isInterrupted()
                        ? new ClosedByInterruptException() : null;
        if (interrupted != null) {
            for (Channel channel : new Channel[] {this, other}) {
                try {
                    channel.close();
                } catch (IOException e) {
                    interrupted.addSuppressed(e);
                }
            }
            return interrupted;
        }
        if (cause instanceof AsynchronousCloseException closedDuring) {
            return closedDuring;
        }
        AsynchronousCloseException closedDuring = new AsynchronousCloseException();
        closedDuring.addSuppressed(cause);
        return closedDuring;
    }

    /**
     * A relative write of the first {@code length} bytes of a transfer's bounce buffer, as {@link #write(ByteBuffer)}
     * would write them, without a second bounce buffer (a transfer between two of our channels holds one block of
     * the {@link ScratchPool}, never two, so transfers cannot exhaust it waiting on each other).
     */
    private int writeFromBounce(IoScratch scratch, int length) throws IOException {
        ensureOpen();
        checkWritable();
        return relative(() -> {
            int n = file.writeFromBounce(scratch, length, append ? -1 : position);
            if (!append) {
                position += n;
            }
            return n;
        });
    }

    /** A relative read into a transfer's bounce buffer, as {@link #read(ByteBuffer)} would read: -1 at end of file. */
    private int readIntoBounce(IoScratch scratch, int length) throws IOException {
        ensureOpen();
        checkReadable();
        return relative(() -> {
            int n = file.readIntoBounce(scratch, length, position);
            position += n;
            return n == 0 ? -1 : n;
        });
    }

    /** One read of a transfer into its bounce buffer, as an interruptible call. */
    private int readStep(IoScratch scratch, int length, long at) throws IOException {
        return blocking(() -> file.readIntoBounce(scratch, length, at));
    }

    /** One write of a transfer from its bounce buffer, as an interruptible call: the bytes written. */
    private int writeStep(IoScratch scratch, int length, long at) throws IOException {
        return blocking(() -> file.writeFromBounce(scratch, length, at));
    }

    // ================================================================== mapping

    /**
     * Maps a region of the file into memory, through a JDK file channel on {@code /proc/self/fd/N} (see the class
     * comment). A region beyond the end of the file grows it, in any mode, if this channel is open for writing, as
     * the JDK's channel does.
     *
     * @throws NonReadableChannelException if this channel was not opened for reading
     * @throws NonWritableChannelException for {@code READ_WRITE} or {@code PRIVATE} on a channel not opened for writing
     * @throws IllegalArgumentException    for a negative position or size, or a size over {@code Integer.MAX_VALUE}
     */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        // a precondition on the parameters, checked before the channel's access as the JDK does
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Size exceeds Integer.MAX_VALUE");
        }
        checkMapping(mode, position, size);
        try (FileChannel jdk = reopenForMapping(mode, position + size)) {
            return jdk.map(mode, position, size);
        }
    }

    /**
     * Maps a region of the file as a {@link MemorySegment} whose lifetime is {@code arena}'s (JDK 22), through a JDK
     * file channel on {@code /proc/self/fd/N} as {@link #map(MapMode, long, long)} does.
     *
     * @throws NonReadableChannelException if this channel was not opened for reading
     * @throws NonWritableChannelException for {@code READ_WRITE} or {@code PRIVATE} on a channel not opened for writing
     */
    @Override
    public MemorySegment map(MapMode mode, long offset, long size, Arena arena) throws IOException {
        Objects.requireNonNull(arena, "arena");
        checkMapping(mode, offset, size);
        try (FileChannel jdk = reopenForMapping(mode, offset + size)) {
            return jdk.map(mode, offset, size, arena);
        }
    }

    /** The checks of both {@code map} methods, in the JDK's order. */
    private void checkMapping(MapMode mode, long position, long size) throws ClosedChannelException {
        ensureOpen();
        Objects.requireNonNull(mode, "Mode is null");
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        if (position + size < 0) {
            throw new IllegalArgumentException("Position + size overflow");
        }
        if (mode != MapMode.READ_ONLY && !writable) {
            throw new NonWritableChannelException();
        }
        checkReadable();
    }

    /**
     * A JDK file channel on this channel's open file, with read access, and write access unless the mode is
     * {@code READ_ONLY} and the region ends within the file or this channel cannot write: the JDK's channel grows
     * the file for a {@code READ_ONLY} mapping too when it may write, and otherwise refuses with its own
     * {@link IOException}. Write access is asked only then, so that a file made read-only since this channel was
     * opened can still be mapped for reading.
     */
    private FileChannel reopenForMapping(MapMode mode, long end) throws IOException {
        boolean grows = writable && end > size();
        return file.reopenThroughJdk(mode == MapMode.READ_ONLY && !grows
                ? Set.of(StandardOpenOption.READ)
                : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    // ================================================================== locks

    /**
     * Acquires a lock on a region of the file, waiting while another process holds a conflicting one
     * ({@code fcntl(F_OFD_SETLK)} retried, see {@link PosixLocks}). A {@code size} of 0 locks from {@code position} to
     * the end of any size, as the JDK reads it.
     *
     * @throws java.nio.channels.OverlappingFileLockException if this JVM holds or waits for an overlapping lock
     * @throws NonReadableChannelException                    for a shared lock on a channel not opened for reading
     * @throws NonWritableChannelException                    for an exclusive lock on a channel not opened for writing
     * @throws FileLockInterruptionException                  if the thread is interrupted while waiting (the channel
     *                                                        is closed then)
     */
    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        LioFileLock candidate = candidate(position, size, shared);
        try {
            return interruptibly(() -> {
                LioFileLock lock = PosixLocks.lock(candidate, file);
                if (lock == null) {
                    throw new AsynchronousCloseException(); // closed while waiting; end() may make it ClosedByInterrupt
                }
                return lock;
            });
        } catch (ClosedByInterruptException e) {
            // the Javadoc's exception for an interrupt while waiting; the interrupt has closed the channel, as the
            // JDK's does
            throw new FileLockInterruptionException();
        }
    }

    /**
     * Acquires a lock on a region of the file if no other process holds a conflicting one, without waiting. It does
     * not block, so it is no interruptible operation: as the JDK's, it neither acts on the caller's interrupt status
     * (which it leaves set) nor closes the channel.
     *
     * @return the lock, or {@code null} if another process holds a conflicting lock
     * @throws java.nio.channels.OverlappingFileLockException if this JVM holds or waits for an overlapping lock
     */
    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return PosixLocks.tryLock(candidate(position, size, shared), file);
    }

    /** Checks a lock request as the Javadoc orders and makes the lock to acquire. */
    private LioFileLock candidate(long position, long size, boolean shared) throws IOException {
        ensureOpen();
        if (shared && !readable) {
            throw new NonReadableChannelException();
        }
        if (!shared && !writable) {
            throw new NonWritableChannelException();
        }
        long checked = PosixLocks.checkedSize(position, size);
        return new LioFileLock(this, file, file.key(), position, checked, shared);
    }

    // ================================================================== closing

    /**
     * Releases the locks acquired through this channel ({@link PosixLocks#releaseAll}; locks of other channels on the
     * file stay), closes the JDK's channel of transfers into JDK channels ({@link JdkTransferSource}), then closes the
     * file: requests in flight are cancelled and their threads get
     * {@link java.nio.channels.AsynchronousCloseException}; the descriptor is closed once the kernel has released the
     * last of them.
     */
    @Override
    protected void implCloseChannel() throws IOException {
        PosixLocks.releaseAll(file, this);
        try {
            jdkSource.close();
        } finally {
            file.close();
        }
    }

    /** A blocking call: {@link #read(ByteBuffer)} and the others run theirs through {@link #blocking}. */
    @FunctionalInterface
    private interface BlockingCall<T> {
        /** Does the call's I/O. */
        T run() throws IOException;
    }

    /**
     * Runs {@code call} as a blocking call of this channel: between {@code begin()} and {@code end()} as an
     * interruptible channel does (an interrupt before or during it closes the channel and ends it with
     * {@code ClosedByInterruptException}, a close by another thread with {@code AsynchronousCloseException}), or as
     * {@link #interrupts} says otherwise.
     */
    private <T> T blocking(BlockingCall<T> call) throws IOException {
        beginCall();
        boolean completed = false;
        try {
            ensureOpen();
            T result = call.run();
            completed = true;
            return result;
        } finally {
            endCall(completed);
        }
    }

    /** {@link #blocking} that is interruptible whatever {@link #interrupts} says ({@link #lock}, which no stream makes). */
    private <T> T interruptibly(BlockingCall<T> call) throws IOException {
        boolean completed = false;
        try {
            begin();
            ensureOpen();
            T result = call.run();
            completed = true;
            return result;
        } finally {
            end(completed);
        }
    }

    /**
     * The start of a blocking call: {@code begin()} if interruptible, the interrupt check at the boundary if so (which
     * may close the channel and throw {@code ClosedByInterruptException} before the call begins). Every call of it is
     * followed by a {@code try} whose {@code finally} is {@link #endCall}.
     */
    private void beginCall() throws IOException {
        Interrupts mode = interrupts;
        if (mode == Interrupts.INTERRUPTIBLE) {
            begin();
        } else if (mode == Interrupts.AT_CALL_BOUNDARIES) {
            actOnInterruptAtBoundary();
        }
    }

    /**
     * The end of a blocking call begun by {@link #beginCall()}. A call that did not complete because another thread
     * closed the channel meanwhile ends with {@code AsynchronousCloseException}, whether the channel is
     * interruptible ({@code end()}) or not: so {@code size()} and {@code position()} of a stream's channel, which
     * {@code InputStream.available()} calls, never report a close racing them as anything else.
     */
    private void endCall(boolean completed) throws IOException {
        Interrupts mode = interrupts;
        if (mode == Interrupts.INTERRUPTIBLE) {
            end(completed);
        } else if (!completed && !isOpen()) {
            throw new AsynchronousCloseException();
        } else if (mode == Interrupts.AT_CALL_BOUNDARIES && completed) {
            actOnInterruptAtBoundary();
        }
    }

    /**
     * In {@link Interrupts#AT_CALL_BOUNDARIES} mode, with the current thread interrupted: inside
     * {@code Files.readAllBytes} (or {@code readString}) the channel becomes uninterruptible, as the JDK makes its
     * own there; otherwise the interrupt closes the channel and the call ends with {@code ClosedByInterruptException},
     * as an interruptible channel's would.
     */
    private void actOnInterruptAtBoundary() throws IOException {
        if (!Thread.currentThread().isInterrupted()) {
            return;
        }
        if (JdkStreamCallers.insideReadAllBytes()) {
            interrupts = Interrupts.UNINTERRUPTIBLE;
            return;
        }
        close();
        throw new ClosedByInterruptException();
    }

    /**
     * Makes this channel uninterruptible, as the JDK makes its own channel behind {@code Files.newInputStream},
     * {@code newOutputStream} and {@code readAllBytes}: an interrupt neither closes it nor ends a blocking call,
     * and the thread's interrupt status is left set. A close by another thread still ends a call waiting for the
     * ring ({@code AsynchronousCloseException}).
     */
    void setUninterruptible() {
        interrupts = Interrupts.UNINTERRUPTIBLE;
    }

    /**
     * Lets an interrupt act only when a blocking call begins or ends (see {@link Interrupts#AT_CALL_BOUNDARIES}): for
     * the channel of {@code Files.newByteChannel(path)} without options, which is also the one
     * {@code Files.readAllBytes} opens.
     */
    void setInterruptibleAtCallBoundaries() {
        interrupts = Interrupts.AT_CALL_BOUNDARIES;
    }

    /** {@link #blocking} under the position lock: the calls that use or move the channel's position. */
    private <T> T relative(BlockingCall<T> call) throws IOException {
        positionLock.lock();
        try {
            return blocking(call);
        } finally {
            positionLock.unlock();
        }
    }

    /**
     * Whether the file is something other than a regular file, a directory or a symbolic link (a named pipe, a
     * socket, a device), which {@link LioFileInputStream} reads as a stream without a position.
     *
     * @throws ClosedChannelException if the channel is closed
     */
    boolean isOther() throws IOException {
        ensureOpen();
        return file.isOther();
    }

    /** Throws {@link ClosedChannelException} if the channel is closed. */
    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /** Throws {@link NonReadableChannelException} unless opened for reading. */
    private void checkReadable() {
        if (!readable) {
            throw new NonReadableChannelException();
        }
    }

    /** Throws {@link NonWritableChannelException} unless opened for writing. */
    private void checkWritable() {
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }

    /** A read-only buffer cannot be read into: {@link IllegalArgumentException}, as in the JDK. */
    private static void checkNotReadOnly(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
    }

    /** The path, and whether the channel is closed. */
    @Override
    public String toString() {
        return "LioFileChannel[" + file.path() + (isOpen() ? "" : ", closed") + "]";
    }
}
