package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptMultiTest {
    private static final int CLIENTS = 3;

    @Test
    void encodesTheMultishotBitInIoprio() {
        SqeBytes sqe = SqeBytes.encode(new AcceptMulti(6).flags(SocketType.SOCK_CLOEXEC));
        assertEquals(Opcode.ACCEPT.code(), sqe.opcode());
        assertEquals(6, sqe.fd());
        assertEquals(1, sqe.ioprio());
        assertEquals(SocketType.SOCK_CLOEXEC, sqe.opFlags());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.fileIndex());
        assertEquals(1 | 4, SqeBytes.encode(new AcceptMulti(6).pollFirst()).ioprio());
        assertEquals(0xFFFF_FFFF, SqeBytes.encode(new AcceptMulti(6).directAllocate()).fileIndex());
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void postsOneCompletionWithMorePerConnection(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var clientRing = new LioUring(8)) {
            int listener = Loopback.listener(ring, ip);
            ring.push(new AcceptMulti(listener).flags(SocketType.SOCK_CLOEXEC), 7);
            ring.submit();
            List<Integer> clients = connectClients(clientRing, ip, listener);
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    Completion c = next(ring);
                    assertEquals(7, c.userData());
                    assertTrue(c.hasMore(), "still armed: " + c);
                    int server = c.resultOrThrow();
                    SocketNative.write(clients.get(i), new byte[] {(byte) i});
                    assertEquals(i, SocketNative.readExactly(server, 1, PATIENCE)[0], "connections come in order");
                    Fd.close(server);
                }
            } finally {
                clients.forEach(Fd::close);
                Fd.close(listener);
            }
        }
    }

    @Test
    void acceptsEachConnectionIntoItsOwnAllocatedSlot() {
        try (var ring = new LioUring(8); var clientRing = new LioUring(8)) {
            ring.registerFilesSparse(8);
            int listener = Loopback.listener(ring, Loopback.Ip.V4);
            ring.push(new AcceptMulti(listener).directAllocate(), 8);
            ring.submit();
            List<Integer> clients = connectClients(clientRing, Loopback.Ip.V4, listener);
            try {
                Set<Integer> slots = new HashSet<>();
                for (int i = 0; i < CLIENTS; i++) {
                    Completion c = next(ring);
                    assertTrue(c.hasMore(), c.toString());
                    slots.add(c.resultOrThrow());
                }
                assertEquals(CLIENTS, slots.size(), "distinct slots: " + slots);
                assertTrue(slots.stream().allMatch(s -> s >= 0 && s < 8), slots.toString());
            } finally {
                clients.forEach(Fd::close);
                Fd.close(listener);
            }
        }
    }

    private static List<Integer> connectClients(LioUring clientRing, Loopback.Ip ip, int listener) {
        List<Integer> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Loopback.connect(clientRing, ip, listener));
        }
        return clients;
    }
}
