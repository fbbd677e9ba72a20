package io.liouring.stress;

import io.liouring.async.EventLoop;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closes racing writes, reads, cancels and multi-request transfers on many files and pipes while descriptor numbers
 * are reused at once (issue 12): every file holds only its own bytes (never another file's), every block acknowledged
 * as written is there, every call ends with a documented outcome, every future and transfer completes and is
 * released, nothing hangs, and descriptors and requests end where they started. The long run is
 * {@link FileCloseRaceSoak}.
 */
class FileCloseRaceTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final Path directory = RaceFiles.directory("lio-file-race");

    @AfterEach
    void removeDirectory() throws IOException {
        RaceFiles.delete(directory);
    }

    /** See {@link FileRace}: 2 000 lives, 6 at a time, a quarter of them pipes. */
    @Test
    void filesHoldOnlyTheirOwnBytesWhileClosesRaceWritesReadsAndTransfers() throws Exception {
        try (EventLoop first = EventLoop.open(); EventLoop second = EventLoop.open()) {
            long fdsBefore = ProcessResources.openFds();
            long start = System.nanoTime();
            FileRace race = new FileRace(new FileRace.Settings(2000, 6, 1 << 20, 4 << 20, 25, 12, GUARD), directory,
                    first, second);
            race.run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> left = Leftovers.after(fdsBefore, List.of(), GUARD, first, second);
            Tally t = race.tally();
            System.out.println(summary("file close race", t, millis, left.size()) + "; " + t.snapshot());
            assertEquals(List.of(), t.failures(), "failures");
            assertEquals(List.of(), left, "left behind");
            assertTrue(t.get(Tally.Count.BYTES_CHECKED) > 0, "bytes checked");
            assertTrue(t.get(Tally.Count.FDS_REUSED) > 0, "descriptor numbers reused");
            assertTrue(t.get(Tally.Count.TRANSFERS_CUT) > 0, "transfers cut short by a close or a cancel");
            try (Stream<Path> files = Files.list(directory)) {
                assertEquals(0, files.count(), "files left in " + directory);
            }
        }
    }

    static String summary(String what, Tally t, long millis, int leaks) {
        return String.format("%s: %,d lives (%,d files, %,d pipes) in %.1f s, %,d bytes checked, %,d closes raced"
                        + " (%,d on the loop thread), %,d cancels raced, %,d transfers cut short, %,d descriptor"
                        + " numbers reused, %,d futures checked released; writes: %,d completed, %,d closed,"
                        + " %,d asynchronously closed, %,d reader gone, %,d cancelled; failures: %d; leaks found: %d",
                what, t.get(Tally.Count.LIVES), t.get(Tally.Count.FILE_LIVES), t.get(Tally.Count.PIPE_LIVES),
                millis / 1000.0, t.get(Tally.Count.BYTES_CHECKED), t.get(Tally.Count.CLOSES_RACED),
                t.get(Tally.Count.LOOP_THREAD_CLOSES), t.get(Tally.Count.CANCELS_RACED),
                t.get(Tally.Count.TRANSFERS_CUT), t.get(Tally.Count.FDS_REUSED), t.get(Tally.Count.FUTURES),
                t.get(Tally.Count.WRITES_COMPLETED), t.get(Tally.Count.WRITES_CLOSED),
                t.get(Tally.Count.WRITES_ASYNC_CLOSE), t.get(Tally.Count.WRITES_PEER_GONE),
                t.get(Tally.Count.WRITES_CANCELLED), t.failureCount(), leaks);
    }
}
