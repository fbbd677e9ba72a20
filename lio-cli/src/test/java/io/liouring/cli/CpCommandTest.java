package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lio cp}, run as a user runs it, checked against sha256sum and against cp's own messages. */
class CpCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static String s(Path p) {
        return p.toString();
    }

    @Test
    void copiesAnEmptyFile() throws IOException {
        Path src = file("empty", new byte[0]);
        Path dst = dir.resolve("copy");

        Run.Result r = Run.lio("cp", s(src), s(dst));

        assertEquals(0, r.exit(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals(0, Files.size(dst));
        assertEquals(Run.sha256sum(src), Run.sha256sum(dst));
    }

    @Test
    void copiesAProcfsFileWhoseSizeIsZeroToItsEndLikeCp() throws IOException {
        Path dst = dir.resolve("version");

        Run.Result r = Run.lio("cp", "/proc/version", s(dst));

        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(Files.readAllBytes(Path.of("/proc/version")), Files.readAllBytes(dst));
    }

    @Test
    void aFifoIsCopiedFromItsWriterEvenWhenTheWriterComesLaterLikeCp() throws IOException {
        Run.Result mkfifo = Run.tool(dir, "mkfifo", "fifo");
        assertEquals(0, mkfifo.exit(), mkfifo.stderr());
        List<String> later = List.of("bash", "-c", "\"$@\" fifo copy & sleep 0.5; timeout 20 bash -c 'echo late > fifo';"
                + " s=$?; wait; exit $s", "bash");

        Run.Result lio = Run.lioProcess(dir, new byte[0], later, "cp");

        assertEquals(0, lio.exit(), "the writer was read: " + lio.stderr());
        assertEquals("late\n", Files.readString(dir.resolve("copy")));
    }

    @Test
    void copiesAFewMebibytesWithTheSameSha256() throws IOException {
        Path src = file("data", randomBytes(5 * 1024 * 1024 + 321, 1));
        Path dst = dir.resolve("copy");

        Run.Result r = Run.lio("cp", s(src), s(dst));

        assertEquals(0, r.exit(), r.stderr());
        assertEquals(Run.sha256sum(src), Run.sha256sum(dst));
    }

    @Test
    void replacesTheContentOfALongerExistingFile() throws IOException {
        Path src = file("short", "short".getBytes(StandardCharsets.UTF_8));
        Path dst = file("long", randomBytes(1 << 20, 3));

        assertEquals(0, Run.lio("cp", s(src), s(dst)).exit());

        assertEquals("short", Files.readString(dst));
    }

    @Test
    void givesANewFileTheSourcesPermissions() throws IOException {
        Path src = file("script", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwxr-x---"));
        Path dst = dir.resolve("copy");

        assertEquals(0, Run.lio("cp", s(src), s(dst)).exit());

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dst)));
    }

    @Test
    void copiesSeveralFilesIntoADirectory() throws IOException {
        Path a = file("a", "first".getBytes(StandardCharsets.UTF_8));
        Path b = file("b", "second".getBytes(StandardCharsets.UTF_8));
        Path target = Files.createDirectory(dir.resolve("target"));

        Run.Result r = Run.lio("cp", s(a), s(b), s(target));

        assertEquals(0, r.exit(), r.stderr());
        assertEquals("first", Files.readString(target.resolve("a")));
        assertEquals("second", Files.readString(target.resolve("b")));
    }

    /**
     * Over 1 GiB, made sparse so that it is quick to create: data at the start, in the middle and at an unaligned
     * end, holes between. The copy has the same SHA-256 and stays sparse, as cp's does.
     */
    @Test
    void copiesASparseFileOverOneGibibyteWithTheSameSha256AndKeepsItSparse() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "cp-test").toAbsolutePath());
        Path src = work.resolve("sparse-source");
        Path dst = work.resolve("sparse-copy");
        long size = (1L << 30) + 3 * 4096 + 77;
        try {
            try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
                f.setLength(size);
                f.write("head".getBytes(StandardCharsets.UTF_8));
                f.seek(size / 2 + 5);
                f.write(randomBytes(10_000, 4));
                f.seek(size - 4);
                f.write("tail".getBytes(StandardCharsets.UTF_8));
            }

            Run.Result r = Run.lio("cp", s(src), s(dst));

            assertEquals(0, r.exit(), r.stderr());
            assertEquals(size, Files.size(dst));
            CompletableFuture<String> srcHash = CompletableFuture.supplyAsync(() -> Run.sha256sum(src));
            assertEquals(srcHash.join(), Run.sha256sum(dst));
            long allocated = Long.parseLong(Run.tool(work, "stat", "-c", "%b", s(dst)).out().trim()) * 512;
            assertTrue(allocated < 16L << 20, "the copy should keep the holes, but has " + allocated + " bytes allocated");
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
            Files.deleteIfExists(work);
        }
    }

    @Test
    void copiesSparseFilesThatEndInAHoleOrAreOnlyAHoleToTheirFullSize() throws IOException {
        Path dataThenHole = dir.resolve("data-then-hole");
        try (RandomAccessFile f = new RandomAccessFile(dataThenHole.toFile(), "rw")) {
            f.setLength(64 << 20);
            f.seek(3 << 20);
            f.write(randomBytes(70_000, 12));
        }
        Path onlyHole = dir.resolve("only-hole");
        try (RandomAccessFile f = new RandomAccessFile(onlyHole.toFile(), "rw")) {
            f.setLength((32 << 20) + 5);
        }
        for (Path src : new Path[] {dataThenHole, onlyHole}) {
            Path dst = dir.resolve(src.getFileName() + ".copy");

            Run.Result r = Run.lio("cp", s(src), s(dst));

            assertEquals(0, r.exit(), r.stderr());
            assertEquals(Files.size(src), Files.size(dst), src.toString());
            assertEquals(Run.sha256sum(src), Run.sha256sum(dst), src.toString());
        }
    }

    // ------------------------------------------------------------------ failures, as cp reports them

    private void assertFailsLikeCp(String... args) {
        Run.Result cp = Run.tool(dir, Run.args("cp", args));
        Run.Result lio = Run.lio(Run.args("cp", args));
        Run.assertSameFailure(cp, lio, "cp");
    }


    @Test
    void aMissingSourceFailsLikeCp() {
        assertFailsLikeCp(s(dir.resolve("missing")), s(dir.resolve("copy")));
    }

    @Test
    void aDirectorySourceFailsLikeCp() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertFailsLikeCp(s(sub), s(dir.resolve("copy")));
    }

    @Test
    void aDestinationInAMissingDirectoryFailsLikeCp() throws IOException {
        Path src = file("src", "x".getBytes(StandardCharsets.UTF_8));
        assertFailsLikeCp(s(src), s(dir.resolve("no-such-dir/copy")));
    }

    @Test
    void copyingAFileOntoItselfFailsLikeCp() throws IOException {
        Path src = file("same", "x".getBytes(StandardCharsets.UTF_8));
        assertFailsLikeCp(s(src), s(src));
    }

    @Test
    void severalSourcesIntoAFileFailLikeCp() throws IOException {
        Path a = file("a", "a".getBytes(StandardCharsets.UTF_8));
        Path b = file("b", "b".getBytes(StandardCharsets.UTF_8));
        assertFailsLikeCp(s(a), s(b), s(dir.resolve("missing-target")));
        assertFailsLikeCp(s(a), s(b), s(a));
    }

    @Test
    void missingOperandsFailLikeCp() throws IOException {
        Path a = file("a", "a".getBytes(StandardCharsets.UTF_8));
        assertFailsLikeCp();
        assertFailsLikeCp(s(a));
    }

    @Test
    void aWriteErrorFailsLikeCp() throws IOException {
        Path src = file("src", "x".getBytes(StandardCharsets.UTF_8));
        // procfs takes the open but refuses the write with EIO, for root as for anyone
        assertFailsLikeCp(s(src), "/proc/version");
    }

    @Test
    void aSourceAndADirectoryWithoutPermissionFailLikeCp() throws IOException {
        Assumptions.assumeTrue(Run.canDropCapabilities(), "setpriv(1) is needed to run without root's capabilities");
        Path secret = file("secret", "x".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        file("readable", "x".getBytes(StandardCharsets.UTF_8));
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        for (List<String> args : List.of(List.of("cp", "secret", "copy"), List.of("cp", "readable", "read-only/copy"))) {
            String[] argv = args.toArray(String[]::new);
            Run.Result cp = Run.tool(dir, new byte[0], Run.WITHOUT_CAPABILITIES, argv);
            Run.Result lio = Run.lioProcess(dir, new byte[0], Run.WITHOUT_CAPABILITIES, argv);
            assertTrue(cp.stderr().contains("Permission denied"), cp.stderr());
            Run.assertSameFailure(cp, lio, "cp");
        }
    }

    @Test
    void refusesToWriteThroughADanglingSymlinkLikeCp() throws IOException {
        Path src = file("src", "x".getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("nowhere"));

        assertFailsLikeCp(s(src), s(link));
        assertTrue(Files.notExists(dir.resolve("nowhere")));
    }

    @Test
    void aSourceGivenTwiceIsCopiedOnceWithAWarningLikeCp() throws IOException {
        file("a", "a".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("cp"));
        Files.createDirectory(dir.resolve("lio"));

        Run.Result cp = Run.tool(dir, "cp", "a", "./a", "cp");
        Run.Result lio = Run.lio("cp", s(dir.resolve("a")), s(dir.resolve("./a")), s(dir.resolve("lio")));

        assertEquals(0, cp.exit(), cp.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(cp.stderr().replace("'./a'", "'" + dir.resolve("./a") + "'"), lio.stderr().replace("lio cp", "cp"));
        assertEquals("a", Files.readString(dir.resolve("lio/a")));
    }

    @Test
    void anotherFileForAJustCreatedCopyIsRefusedLikeCp() throws IOException {
        file("a", "a".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("sub"));
        file("sub/a", "other".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("target"));

        assertFailsLikeCp(s(dir.resolve("a")), s(dir.resolve("sub/a")), s(dir.resolve("target")));
    }

    @Test
    void anExistingDestinationThatCannotBeWrittenFailsLikeCp() throws IOException {
        Assumptions.assumeTrue(Run.canDropCapabilities(), "setpriv(1) is needed to run without root's capabilities");
        file("src", "x".getBytes(StandardCharsets.UTF_8));
        Path readOnly = file("read-only", "y".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

        Run.Result cp = Run.tool(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cp", "src", "read-only");
        Run.Result lio = Run.lioProcess(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cp", "src", "read-only");

        Run.assertSameFailure(cp, lio, "cp");
    }

    @Test
    void aTrailingSlashNamesADirectoryLikeCp() throws IOException {
        String src = s(file("src", "x".getBytes(StandardCharsets.UTF_8)));
        String existing = s(file("existing", "y".getBytes(StandardCharsets.UTF_8)));

        assertFailsLikeCp(src, s(dir.resolve("missing")) + "/");
        assertFailsLikeCp(src, existing + "/");
        assertFailsLikeCp(src + "/", s(dir.resolve("copy")));
        assertTrue(Files.notExists(dir.resolve("missing")));
    }
}
