package io.liouring.cli;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Which {@code IORING_SETUP_*} flags this kernel accepts: each flag is tried on a small ring of its own
 * (with the flags it needs, e.g. {@code SQ_AFF} with {@code SQPOLL}), and the kernel's errno recorded when it
 * refuses. {@code REGISTERED_FD_ONLY} is left out: lio-uring's rings always have a file descriptor.
 */
final class SetupFlagProbe {
    private static final int ENTRIES = 4;

    /** One flag's trial: accepted when {@code errno} is 0. */
    record Outcome(String flag, String since, String needs, int errno) {
        boolean accepted() {
            return errno == 0;
        }
    }

    private SetupFlagProbe() {
    }

    /** Tries every setup flag lio-uring offers. */
    static List<Outcome> run() {
        List<Outcome> outcomes = new ArrayList<>();
        Duration idle = Duration.ofMillis(10);
        try (LioUring other = new LioUring(2)) {
            outcomes.add(attempt("IOPOLL", "5.1", "", Params.Builder::iopoll));
            outcomes.add(attempt("SQPOLL", "5.1", "", b -> b.sqPoll(idle)));
            outcomes.add(attempt("SQ_AFF", "5.1", "with SQPOLL, on CPU 0", b -> b.sqPoll(idle).sqThreadCpu(0)));
            outcomes.add(attempt("CQSIZE", "5.5", "", b -> b.cqSize(ENTRIES * 4)));
            outcomes.add(attempt("CLAMP", "5.6", "", Params.Builder::clamp));
            outcomes.add(attempt("ATTACH_WQ", "5.6", "to another ring's workers", b -> b.attachWq(other)));
            outcomes.add(attempt("R_DISABLED", "5.10", "", Params.Builder::rDisabled));
            outcomes.add(attempt("SUBMIT_ALL", "5.18", "", Params.Builder::submitAll));
            outcomes.add(attempt("COOP_TASKRUN", "5.19", "", Params.Builder::coopTaskrun));
            outcomes.add(attempt("TASKRUN_FLAG", "5.19", "with COOP_TASKRUN", b -> b.coopTaskrun().taskrunFlag()));
            outcomes.add(attempt("SQE128", "5.19", "", Params.Builder::sqe128));
            outcomes.add(attempt("CQE32", "5.19", "", Params.Builder::cqe32));
            outcomes.add(attempt("SINGLE_ISSUER", "6.0", "", Params.Builder::singleIssuer));
            outcomes.add(attempt("DEFER_TASKRUN", "6.1", "with SINGLE_ISSUER", Params.Builder::deferTaskrun));
            outcomes.add(attempt("NO_MMAP", "6.5", "in the ring's own memory", b -> b.noMmap(false)));
            outcomes.add(attempt("NO_SQARRAY", "6.6", "", Params.Builder::noSqArray));
            outcomes.add(attempt("HYBRID_IOPOLL", "6.13", "with IOPOLL", Params.Builder::hybridIopoll));
            outcomes.add(attempt("CQE_MIXED", "6.18", "", Params.Builder::cqeMixed));
        }
        return outcomes;
    }

    private static Outcome attempt(String flag, String since, String needs, UnaryOperator<Params.Builder> flags) {
        Params params = flags.apply(Params.builder()).build();
        try {
            new LioUring(ENTRIES, params).close();
            return new Outcome(flag, since, needs, 0);
        } catch (UringException e) {
            return new Outcome(flag, since, needs, e.errnoNumber());
        }
    }

    static void print(List<Outcome> outcomes, PrintStream out) {
        long accepted = outcomes.stream().filter(Outcome::accepted).count();
        out.println("Setup flags accepted by this kernel (" + accepted + " of " + outcomes.size()
                + ", each tried on a " + ENTRIES + "-entry ring):");
        for (Outcome o : outcomes) {
            String result = o.accepted() ? "accepted" : "refused: " + io.liouring.Errno.describe(o.errno());
            String needs = o.needs().isEmpty() ? ""
                    : " ".repeat(Math.max(2, 12 - result.length())) + "(" + o.needs() + ")";
            out.printf("  %-28s %-6s %s%s%n", "IORING_SETUP_" + o.flag(), "(" + o.since() + ")", result, needs);
        }
    }
}
