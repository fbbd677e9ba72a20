package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liouring.nio.channels.LioChannelProvider;
import io.liouring.nio.file.ForkedJvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the JDK's channels do under {@code -Djava.net.preferIPv4Stack=true} (IPv4 sockets only) with
 * {@code -Djdk.includeInExceptions=hostInfo} (socket exceptions name the address), options read once at start-up,
 * so each provider runs {@link Ipv4StackChild} in a JVM of its own: an IPv6 address to bind or connect to is a
 * {@code SocketException: IPv6 protocol family unavailable} (for connect, the operation's failure, which closes the
 * channel, as every failed connect does), not an {@code UnsupportedAddressTypeException}; a failed connect's
 * message ends with ": " and the address.
 */
class Ipv4StackForkedTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JDK", "LIO"})
    void ipv6AddressesOnTheIpv4StackAndAddressesInConnectFailuresAreTheJdks(String provider) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true",
                "-Djdk.includeInExceptions=hostInfo"));
        if (provider.equals("LIO")) {
            options.add("-D" + Providers.SELECTING_PROPERTY + "=" + LioChannelProvider.class.getName());
        }
        ForkedJvm.Result child = ForkedJvm.run(Ipv4StackChild.class, options);
        assertEquals(0, child.exitCode(), child.output());
        String unavailable = "java.net.SocketException: IPv6 protocol family unavailable";
        assertAll(
                () -> assertEquals(provider.equals("LIO"), child.value("provider").equals(
                        LioChannelProvider.class.getName()), child.value("provider")),
                () -> assertEquals(unavailable, child.value("bindIpv6")),
                () -> assertEquals("true", child.value("bindIpv6Open")),
                () -> assertEquals(unavailable, child.value("serverBindIpv6")),
                () -> assertEquals(unavailable + ": " + child.value("ipv6Address"), child.value("connectIpv6")),
                () -> assertEquals("false", child.value("connectIpv6Open")),
                () -> assertEquals("java.net.ConnectException: Connection refused: " + child.value("refusedAddress"),
                        child.value("connectRefused")));
    }
}
