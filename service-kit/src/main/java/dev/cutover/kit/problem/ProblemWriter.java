package dev.cutover.kit.problem;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** Writes a problem from a servlet filter, where no message converter is at hand. */
public final class ProblemWriter {

    private final JsonMapper mapper;

    /** With the mix-in the message converters use, so the problem's properties are its top-level members. */
    public ProblemWriter(JsonMapper mapper) {
        this.mapper = mapper.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
