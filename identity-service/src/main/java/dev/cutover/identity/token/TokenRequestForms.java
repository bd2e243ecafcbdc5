package dev.cutover.identity.token;

import dev.cutover.kit.problem.ProblemException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a form-encoded token request (RFC 6749 §4) to {@link TokenRequest} with the same strict rules as
 * JSON: an unknown field is refused, and so is a field given twice. The fields go through the
 * application's JSON mapper, so both encodings fail the same way with the same messages.
 */
@Configuration(proxyBeanMethods = false)
class TokenRequestForms implements WebMvcConfigurer {

    private final JsonMapper mapper;

    TokenRequestForms(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new Converter(mapper));
    }

    static final class Converter extends AbstractHttpMessageConverter<TokenRequest> {

        private final JsonMapper mapper;
        private final FormHttpMessageConverter form = new FormHttpMessageConverter();

        Converter(JsonMapper mapper) {
            super(MediaType.APPLICATION_FORM_URLENCODED);
            this.mapper = mapper;
        }

        @Override
        protected boolean supports(Class<?> clazz) {
            return TokenRequest.class == clazz;
        }

        @Override
        protected boolean canWrite(MediaType mediaType) {
            return false;
        }

        @Override
        protected TokenRequest readInternal(Class<? extends TokenRequest> clazz, HttpInputMessage input) throws IOException {
            MultiValueMap<String, String> fields = form.read(null, input);
            Map<String, String> single = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> field : fields.entrySet()) {
                if (field.getValue().size() != 1) {
                    // RFC 6749 §3.2: request parameters must not be included more than once
                    throw ProblemException.invalidField(field.getKey(), "must not be repeated");
                }
                single.put(field.getKey(), field.getValue().getFirst());
            }
            try {
                return mapper.convertValue(single, TokenRequest.class);
            } catch (JacksonException invalid) {
                throw new HttpMessageNotReadableException("form does not bind", invalid, input);
            }
        }

        @Override
        protected void writeInternal(TokenRequest request, HttpOutputMessage output) {
            throw new HttpMessageNotWritableException("token requests are never written");
        }
    }
}
