package dev.cutover.identity.config;

import dev.cutover.kit.KitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} slice of identity needs besides its controller: the real security rules and
 * the kit's JSON dialect and {@code Caller} resolution. The slice supplies a mock {@code JwtDecoder}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(IdentitySecurity.class)
@ImportAutoConfiguration(KitAutoConfiguration.class)
public class WebSliceSecurity {
}
