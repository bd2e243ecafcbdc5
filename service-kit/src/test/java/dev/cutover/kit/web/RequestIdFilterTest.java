package dev.cutover.kit.web;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @Test
    void aCallersRequestIdIsEchoedAndLoggedWhileTheRequestRuns() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("X-Request-Id", "abc-123");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> duringRequest = new AtomicReference<>();

        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                duringRequest.set(RequestIdFilter.current());
            }
        }));

        assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
        assertThat(duringRequest.get()).isEqualTo("abc-123");
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }

    @Test
    void aMissingOrUnsafeRequestIdIsReplacedByAGeneratedOne() throws ServletException, IOException {
        MockHttpServletRequest unsafe = new MockHttpServletRequest();
        unsafe.addHeader("X-Request-Id", "x\r\nSet-Cookie: a=b");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(unsafe, response, new MockFilterChain());
        MockHttpServletResponse generated = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest(), generated, new MockFilterChain());

        assertThat(response.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(generated.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}").isNotEqualTo(response.getHeader("X-Request-Id"));
    }
}
