package dev.cutover.kit.security;

import dev.cutover.kit.problem.BearerProblems;
import dev.cutover.kit.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/** 401 with {@code WWW-Authenticate: Bearer} and a problem body, whatever was wrong with the token. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter writer;

    ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerProblems.CHALLENGE);
        writer.write(response, BearerProblems.unauthorized());
    }
}
