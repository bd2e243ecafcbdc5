package dev.cutover.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private static final String PRIVATE_RANGES = "127\\.\\d+\\.\\d+\\.\\d+|10\\.\\d+\\.\\d+\\.\\d+";
    private final ClientAddresses addresses = new ClientAddresses(PRIVATE_RANGES);

    @Test
    void aClientTalkingDirectlyIsKnownByItsOwnAddressWhateverItClaims() {
        var request = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("203.0.113.9", 5000))
                .header("X-Forwarded-For", "198.51.100.1").build();

        assertThat(addresses.of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedForwardedAddressIsTheClient() {
        var request = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("10.0.0.5", 5000))
                .header("X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.0.0.9").build();

        // 198.51.100.66 was written by the client itself and proves nothing
        assertThat(addresses.of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored() {
        var request = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("10.0.0.5", 5000))
                .header("X-Forwarded-For", "203.0.113.7").build();

        assertThat(new ClientAddresses("").of(request)).isEqualTo("10.0.0.5");
    }
}
