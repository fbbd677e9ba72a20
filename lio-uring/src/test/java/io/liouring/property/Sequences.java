package io.liouring.property;

import io.liouring.Errno;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/** The generators of random sequences: ring shapes and steps, with sizes that keep one sequence fast. */
final class Sequences {
    /** Errnos injected into NOPs: a sample of the common ones and the odd ones. */
    private static final List<Errno> INJECTED = List.of(Errno.EIO, Errno.ENOENT, Errno.EAGAIN, Errno.EINVAL,
            Errno.ECANCELED, Errno.ETIME, Errno.ENOBUFS, Errno.EHWPOISON, Errno.EPERM);

    private Sequences() {
    }

    static Arbitrary<RingShape> shapes() {
        return Combinators.combine(
                Arbitraries.of(RingShape.Mode.class),
                Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true)).as(RingShape::new);
    }

    static Arbitrary<List<Step>> steps(int maxSteps) {
        return step().list().ofMinSize(1).ofMaxSize(maxSteps);
    }

    private static Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, SequenceRunner.FILE_SPAN);
    }

    private static Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, SequenceRunner.MAX_IO);
    }

    private static Arbitrary<Integer> seeds() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static Arbitrary<Integer> micros() {
        return Arbitraries.integers().between(0, 2000);
    }

    private static Arbitrary<Step.Nop> nop() {
        Arbitrary<Integer> result = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(INJECTED).map(e -> -e.number())));
        return Combinators.combine(result, Arbitraries.of(false, true)).as(Step.Nop::new);
    }

    private static Arbitrary<Step.Member> member() {
        return Arbitraries.oneOf(
                nop(),
                Combinators.combine(offsets(), lengths(), seeds()).as(Step.ChainWrite::new),
                Combinators.combine(offsets(), lengths()).as(Step.ChainRead::new));
    }

    private static Arbitrary<List<Integer>> writes() {
        return Arbitraries.integers().between(1, 6000).list().ofMaxSize(4);
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Step> step() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(offsets(), lengths(), seeds()).as(Step.FileWrite::new)),
                net.jqwik.api.Tuple.of(6, Combinators.combine(offsets(), lengths(), Arbitraries.of(false, true))
                        .as(Step.FileRead::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step.FileSync())),
                net.jqwik.api.Tuple.of(2, offsets().map(Step.FileTruncate::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(Arbitraries.integers().between(1, 6000), seeds())
                        .as(Step.PipeWrite::new)),
                net.jqwik.api.Tuple.of(4, lengths().map(Step.PipeRead::new)),
                net.jqwik.api.Tuple.of(3, lengths().map(Step.PipeSplice::new)),
                net.jqwik.api.Tuple.of(3, lengths().map(Step.PipeTee::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(offsets(), lengths()).as(Step.SpliceToFile::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step.DrainPipeB())),
                net.jqwik.api.Tuple.of(3, micros().map(Step.Timeout::new)),
                net.jqwik.api.Tuple.of(4, nop().list().ofMinSize(1).ofMaxSize(12).map(Step.Nops::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(member().list().ofMinSize(1).ofMaxSize(5),
                        Arbitraries.of(false, true)).as(Step.Chain::new)),
                net.jqwik.api.Tuple.of(2, micros().map(Step.LinkTimeoutRead::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true))
                        .as(Step.CancelWaiting::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step.CancelNothing())),
                net.jqwik.api.Tuple.of(2, writes().map(Step.PollMultishot::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(writes(), Arbitraries.integers().between(1, 4))
                        .as(Step.ReadMultishot::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Step.OpenClose())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step.Settle())),
                net.jqwik.api.Tuple.of(8, handleRace()),
                net.jqwik.api.Tuple.of(20, socketStep()));
    }

    /** A call on an event loop's handle, raced by a close or a cancel from another thread (or the test thread). */
    static Arbitrary<Step> handleRace() {
        Arbitrary<Integer> delays = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 1000)));
        return Combinators.combine(Arbitraries.of(Step.Handle.class), Arbitraries.of(Step.Call.class), flags(),
                Arbitraries.of(Step.Actor.class), Arbitraries.of(Step.Action.class), delays).as(Step.HandleRace::new);
    }

    private static Arbitrary<Boolean> flags() {
        return Arbitraries.of(false, true);
    }

    private static Arbitrary<Integer> sendLengths() {
        return Arbitraries.integers().between(0, 6000);
    }

    /** Steps on the socket pairs: each picks the AF_UNIX or the TCP pair and a direction. */
    @SuppressWarnings("unchecked")
    static Arbitrary<Step> socketStep() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(flags(), flags(), Arbitraries.of(Step.Via.class),
                        sendLengths(), seeds(), flags(), flags()).as(Step.Send::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(flags(), flags(),
                        Arbitraries.integers().between(1, SequenceRunner.MAX_IO), flags(), flags()).as(Step.Recv::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(flags(), flags(),
                        Arbitraries.integers().between(1, SequenceRunner.MAX_IO),
                        Arbitraries.integers().between(1, 6000), seeds()).as(Step.RecvWaiting::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(flags(), flags(), Arbitraries.integers().between(1, 6000),
                        seeds(), flags()).as(Step.LinkedSendRecv::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(flags(), flags(), writes(),
                        Arbitraries.integers().between(1, 4), flags()).as(Step.RecvMultishot::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(flags(), flags(), flags(), flags()).as(Step.CancelRecv::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(flags(), flags(), flags(), flags()).as(Step.Shutdown::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(flags(), flags(), flags()).as(Step.CloseUnderRecv::new)));
    }
}
