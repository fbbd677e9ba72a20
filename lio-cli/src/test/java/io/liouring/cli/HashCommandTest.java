package io.liouring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code lio hash} against {@code sha256sum}: the same lines, the same messages, the same exit codes. */
class HashCommandTest {
    @TempDir
    Path dir;

    private String file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content).toString();
    }

    private void assertSameAsSha256sum(String... files) {
        Run.Result sha256sum = Run.tool(dir, Run.args("sha256sum", files));
        Run.Result lio = Run.lio(Run.args("hash", files));
        assertEquals(0, sha256sum.exit(), sha256sum.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(sha256sum.out(), lio.out());
        assertEquals("", lio.stderr());
    }

    @Test
    void aFifoIsHashedFromItsWriterEvenWhenTheWriterComesLaterLikeSha256sum() {
        Run.Result mkfifo = Run.tool(dir, "mkfifo", "fifo");
        assertEquals(0, mkfifo.exit(), mkfifo.stderr());
        List<String> alone = Run.onFifoWithoutWriter();
        assertEquals(124, Run.tool(dir, new byte[0], alone, "sha256sum").exit());
        assertEquals(124, Run.lioProcess(dir, new byte[0], alone, "hash").exit());
        List<String> later = Run.onFifoWithLateWriter();

        Run.Result sha256sum = Run.tool(dir, new byte[0], later, "sha256sum");
        Run.Result lio = Run.lioProcess(dir, new byte[0], later, "hash");

        assertEquals(0, lio.exit(), "the writer was read: " + lio.stderr());
        assertEquals(sha256sum.out(), lio.out());
    }

    @Test
    void printsTheSameLinesAsSha256sum() throws IOException {
        assertSameAsSha256sum(
                file("empty", new byte[0]),
                file("small", "hello\n".getBytes(StandardCharsets.UTF_8)),
                file("one block exactly", CpCommandTest.randomBytes(128 * 1024, 8)),
                file("a few MiB", CpCommandTest.randomBytes(4 * 1024 * 1024 + 3, 9)));
    }

    @Test
    void escapesBackslashesNewlinesAndCarriageReturnsInNamesLikeSha256sum() throws IOException {
        assertSameAsSha256sum(
                file("back\\slash", "1".getBytes(StandardCharsets.UTF_8)),
                file("new\nline", "2".getBytes(StandardCharsets.UTF_8)),
                file("carriage\rreturn", "3".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashesAFileOfSeveralReadChunksWithAPartialLastOneAsSha256sumDoes() throws IOException {
        String f = file("data", CpCommandTest.randomBytes(3 * FileReader.CHUNK + 12_345, 10));
        String exact = file("exact", CpCommandTest.randomBytes(2 * FileReader.CHUNK, 11));
        Run.Result sha256sum = Run.tool(dir, "sha256sum", f, exact);
        Run.Result lio = Run.lio("hash", f, exact);
        assertEquals(sha256sum.out(), lio.out());
    }

    @Test
    void missingFilesAndDirectoriesFailLikeSha256sumWhileTheOthersAreHashed() throws IOException {
        String good = file("good", "x".getBytes(StandardCharsets.UTF_8));
        String sub = Files.createDirectory(dir.resolve("sub")).toString();
        String[] args = {good, dir.resolve("missing").toString(), sub, dir.resolve("with space").toString(), good};

        Run.assertSameFailure(Run.tool(dir, Run.args("sha256sum", args)), Run.lio(Run.args("hash", args)), "hash",
                "sha256sum");
    }

    @Test
    void hashesStandardInputLikeSha256sum() {
        byte[] stdin = CpCommandTest.randomBytes(300_000, 11);
        for (List<String> args : List.of(List.<String>of(), List.of("-"))) {
            Run.Result sha256sum = Run.tool(dir, stdin, List.of(), Run.args("sha256sum", args.toArray(String[]::new)));
            Run.Result lio = Run.lioProcess(dir, stdin, List.of(), Run.args("hash", args.toArray(String[]::new)));
            assertEquals(0, lio.exit(), lio.stderr());
            assertEquals(sha256sum.out(), lio.out());
        }
    }
}
