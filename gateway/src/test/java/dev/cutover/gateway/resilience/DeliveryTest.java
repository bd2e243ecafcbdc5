package dev.cutover.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    @Test
    void connectionsThatWereNeverEstablishedProveTheRequestWasNotDelivered() {
        assertThat(Delivery.provablyNotDelivered(new ConnectException("Connection refused"))).isTrue();
        assertThat(Delivery.provablyNotDelivered(new ConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(Delivery.provablyNotDelivered(new NoRouteToHostException())).isTrue();
        assertThat(Delivery.provablyNotDelivered(new IllegalStateException(new ConnectException("wrapped")))).isTrue();
    }

    @Test
    void anOpenBreakerProvesTheRequestWasNotDelivered() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("payments");
        breaker.transitionToOpenState();

        assertThat(Delivery.provablyNotDelivered(CallNotPermittedException.createCallNotPermittedException(breaker))).isTrue();
    }

    @Test
    void timeoutsAndBrokenConnectionsMayHaveReachedTheUpstream() {
        assertThat(Delivery.provablyNotDelivered(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "timeout",
                new TimeoutException()))).isFalse();
        assertThat(Delivery.provablyNotDelivered(new IOException("Connection reset by peer"))).isFalse();
    }
}
