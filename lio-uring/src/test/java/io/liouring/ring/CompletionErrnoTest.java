package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.UringException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Completion#errno()} is never {@code null}: a failed request names its errno, the kernel-internal codes that
 * io_uring can leak (such as -512 from a request cancelled while it blocked in an io-wq worker) included, and any
 * other negative result is {@link Errno#UNKNOWN} with its number kept. A success is {@link Errno#NONE}, so a
 * {@code switch} over {@code errno()} never throws.
 */
class CompletionErrnoTest {
    @Test
    void aKernelInternalCodeIsNamed() {
        Completion c = new Completion(1, -512, 0);
        assertEquals(Errno.ERESTARTSYS, c.errno());
        assertEquals(512, c.errnoNumber());
        assertTrue(c.toString().contains("(ERESTARTSYS)"), c.toString());
        UringException e = assertThrows(UringException.class, c::resultOrThrow);
        assertEquals(Errno.ERESTARTSYS, e.errno());
        assertTrue(e.getMessage().contains("ERESTARTSYS (512)"), e.getMessage());
    }

    @Test
    void everyKernelInternalCodeFrom512To531HasItsName() {
        String[] names = {"ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD", "ERESTART_RESTARTBLOCK",
                "EPROBE_DEFER", "EOPENSTALE", "ENOPARAM", null, "EBADHANDLE", "ENOTSYNC", "EBADCOOKIE", "ENOTSUPP",
                "ETOOSMALL", "ESERVERFAULT", "EBADTYPE", "EJUKEBOX", "EIOCBQUEUED", "ERECALLCONFLICT", "ENOGRACE"};
        for (int i = 0; i < names.length; i++) {
            int number = 512 + i;
            Errno errno = new Completion(1, -number, 0).errno();
            assertEquals(names[i] == null ? Errno.UNKNOWN : Errno.valueOf(names[i]), errno, "errno " + number);
            if (names[i] != null) {
                assertEquals(number, errno.number());
            }
        }
    }

    @Test
    void aNumberLinuxDoesNotDefineIsUnknownWithItsNumberKept() {
        Completion c = new Completion(1, -9999, 0);
        assertEquals(Errno.UNKNOWN, c.errno());
        assertEquals(9999, c.errnoNumber());
        assertTrue(c.toString().contains("(UNKNOWN 9999)"), c.toString());
        UringException e = assertThrows(UringException.class, c::resultOrThrow);
        assertEquals(Errno.UNKNOWN, e.errno());
        assertEquals(9999, e.errnoNumber());
        assertEquals("request user_data=1 failed: UNKNOWN (9999): Unknown error", e.getMessage());
    }

    @Test
    void theMostNegativeResultIsUnknownToo() {
        Completion c = new Completion(1, Integer.MIN_VALUE, 0);
        assertEquals(Errno.UNKNOWN, c.errno());
        assertEquals(Integer.MIN_VALUE, c.errnoNumber(), "-(2^31) has no positive int: the number is kept as is");
    }

    @Test
    void aSuccessIsNoneAndASwitchOverErrnoNeverThrows() {
        for (int result : new int[] {0, 1, Integer.MAX_VALUE}) {
            Completion c = new Completion(1, result, 0);
            assertEquals(Errno.NONE, c.errno());
            assertEquals(0, c.errnoNumber());
            assertEquals(0, Errno.NONE.number());
        }
        for (int result : new int[] {0, -2, -125, -512, -9999}) {
            String outcome = switch (new Completion(1, result, 0).errno()) {
                case NONE -> "done";
                case ENOENT -> "missing";
                case ECANCELED -> "cancelled";
                case ERESTARTSYS -> "interrupted";
                default -> "other";
            };
            assertEquals(switch (result) {
                case 0 -> "done";
                case -2 -> "missing";
                case -125 -> "cancelled";
                case -512 -> "interrupted";
                default -> "other";
            }, outcome);
        }
    }

    @Test
    void errnoByNumberIsNeverNull() {
        assertEquals(Errno.ENOENT, Errno.of(2));
        assertEquals(Errno.NONE, Errno.of(0));
        assertEquals(Errno.UNKNOWN, Errno.of(600));
        assertEquals(Errno.UNKNOWN, Errno.of(-2));
        assertEquals(Errno.NONE, Errno.ofResult(7));
        assertEquals(Errno.ENOENT, Errno.ofResult(-2));
        assertEquals("ENOENT (2): No such file or directory", Errno.describe(2));
        assertEquals("UNKNOWN (600): Unknown error", Errno.describe(600));
    }
}
