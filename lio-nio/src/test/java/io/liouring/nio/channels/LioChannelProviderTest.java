package io.liouring.nio.channels;

import io.liouring.UringException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LioChannelProviderTest {

    @Test
    void anUnusableRingFailsConstructionWithTheCauseAndTheRemedy() {
        UringException refused = new UringException("io_uring_setup(entries=2)", 1,
                "io_uring is disabled on this machine (/proc/sys/kernel/io_uring_disabled is 2): set it to 0");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LioChannelProvider(() -> {
                    throw refused;
                }));
        assertSame(refused, e.getCause());
        assertTrue(e.getMessage().contains("LioChannelProvider cannot run"), e.getMessage());
        assertTrue(e.getMessage().contains("EPERM"), e.getMessage());
        assertTrue(e.getMessage().contains("io_uring_disabled is 2"), e.getMessage());
        assertTrue(e.getMessage().contains("-Djava.nio.channels.spi.AsynchronousChannelProvider"), e.getMessage());
    }

    @Test
    void aKernelWithoutTheSocketOperationsIsNamedAtStartUp() {
        String message = LioChannelProvider.missingOperations(op -> op != io.liouring.Opcode.BIND
                && op != io.liouring.Opcode.LISTEN);
        assertTrue(message.contains("lacks IORING_OP_BIND, IORING_OP_LISTEN"), message);
        assertTrue(message.contains("Linux 6.11"), message);
        assertEquals(null, LioChannelProvider.missingOperations(op -> true));
    }

    @Test
    void thisKernelHasEverythingTheChannelsUse() {
        // io_uring works on the machines these tests run on, and their kernels have every operation used
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> new LioChannelProvider());
    }

    @Test
    void theSystemPropertySwitchesUnchangedCodeOverAndNothingElseDoes() throws Exception {
        String withProperty = runChild(true);
        assertTrue(withProperty.contains("provider=" + LioChannelProvider.class.getName()), withProperty);
        assertTrue(withProperty.contains("echo=hello"), withProperty);
        String without = runChild(false);
        assertTrue(!without.contains(LioChannelProvider.class.getName()) && without.contains("echo=hello"),
                "on the class path alone the JDK's provider stays: " + without);
    }

    /** Runs {@link EchoOnce} in a new JVM on this class path, with or without the provider property. */
    private static String runChild(boolean withProperty) throws IOException, InterruptedException {
        return runJava(EchoOnce.class, withProperty
                ? List.of("-Djava.nio.channels.spi.AsynchronousChannelProvider=" + LioChannelProvider.class.getName())
                : List.of());
    }

    /** Runs {@code main} in a new JVM on this class path with {@code options}; its output, once it exited 0. */
    static String runJava(Class<?> main, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), text);
        return text;
    }

    /** Unchanged NIO.2 code: which provider it got, and five bytes echoed through it. */
    public static final class EchoOnce {
        public static void main(String[] args) throws Exception {
            System.out.println("provider=" + AsynchronousChannelProvider.provider().getClass().getName());
            try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                    .bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                 AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
                var accept = server.accept();
                client.connect(server.getLocalAddress()).get();
                try (AsynchronousSocketChannel accepted = accept.get()) {
                    client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))).get();
                    ByteBuffer in = ByteBuffer.allocate(5);
                    while (in.hasRemaining()) {
                        accepted.read(in).get();
                    }
                    System.out.println("echo=" + new String(in.array(), StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
