package io.liouring.nio.realserver;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second real NIO.2 application, unchanged: Apache MINA SSHD, whose default transport ({@link Nio2ServiceFactory})
 * runs both its server and its client on an {@code AsynchronousChannelGroup} over the user's thread pool. Clients
 * open {@value #SESSIONS} SSH sessions at once, authenticate, and each pipes a body tagged with its own seed through
 * {@code cat} on the server; every byte must come back to the session that sent it, after key exchange, encryption
 * and the channel windows of the protocol. Then the server and the client stop, closing every channel they hold.
 *
 * <p>As {@link TomcatNio2LoadTest}, it runs on whichever provider the JVM was started with and asserts that it is the
 * configured one: lio-nio's pom runs it with lio-nio's provider and with the JDK's.
 */
class SshdNio2Test {
    private static final int SESSIONS = 12;
    private static final int BODY = 3 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void sshSessionsPipeEveryByteBackToTheirOwnSessionAndStopCleanly() throws Exception {
        ConfiguredChannelProvider.expectConfigured();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, password, session) -> "lio".equals(user) && "secret".equals(password));
        server.setCommandFactory((channel, command) -> new CatOverSsh());
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        server.start();
        client.start();
        try {
            assertNio2(server.getIoServiceFactory());
            assertNio2(client.getIoServiceFactory());
            int port = server.getPort();
            List<Future<byte[]>> echoes = new ArrayList<>();
            try (ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS)) {
                for (int s = 0; s < SESSIONS; s++) {
                    long seed = 7_000 + s;
                    echoes.add(sessions.submit(() -> catOverSsh(client, port, body(seed))));
                }
                for (int s = 0; s < SESSIONS; s++) {
                    byte[] echoed = echoes.get(s).get(2, TimeUnit.MINUTES);
                    assertEquals(BODY, echoed.length, "bytes back on session " + s);
                    int wrong = ContentPattern.firstMismatch(echoed, 0, BODY, 7_000 + s, 0);
                    assertEquals(-1, wrong, "session " + s + ": first byte that is not its own");
                }
            }
            // each client closed its session: the server reads their end of stream and lets them go
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!server.getActiveSessions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(), server.getActiveSessions(), "server sessions after every client closed its own");
        } finally {
            client.stop();
            server.stop(true);
        }
        assertTrue(!server.isOpen() && !client.isOpen(), "server and client closed");
    }

    private static byte[] catOverSsh(SshClient client, int port, byte[] body) throws Exception {
        try (ClientSession session = client.connect("lio", "127.0.0.1", port).verify(TIMEOUT).getSession()) {
            session.addPasswordIdentity("secret");
            session.auth().verify(TIMEOUT);
            ByteArrayOutputStream out = new ByteArrayOutputStream(BODY);
            try (ChannelExec cat = session.createExecChannel("cat")) {
                cat.setIn(new ByteArrayInputStream(body));
                cat.setOut(out);
                cat.open().verify(TIMEOUT);
                Set<ClientChannelEvent> events = cat.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
                assertTrue(events.contains(ClientChannelEvent.CLOSED), "the exec channel closed: " + events);
                assertEquals(0, cat.getExitStatus(), "cat's exit status");
            }
            return out.toByteArray();
        }
    }

    private static byte[] body(long seed) {
        byte[] body = new byte[BODY];
        ContentPattern.fill(body, 0, BODY, seed, 0);
        return body;
    }

    private static void assertNio2(IoServiceFactory factory) {
        assertInstanceOf(Nio2ServiceFactory.class, factory, "SSHD's transport is the NIO.2 one");
    }
}
