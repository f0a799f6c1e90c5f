package io.eventbank.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The header rule must be exactly Spring Security's: the same token, or no token, or the same refusal. */
class BearerHeaderTest {

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Property(tries = 3000)
    void agreesWithSpringSecurityOnEveryHeader(@ForAll("authorizationHeaders") String header) {
        assertThat(outcome(() -> new BearerHeader().resolve(request(header))))
                .as("header <%s>", header)
                .isEqualTo(outcome(() -> spring.resolve(request(header))));
    }

    @Test
    void readsTheTokenOfAWellFormedHeader() {
        assertThat(BearerHeader.token("Bearer abc.DEF-ghi_~+/x==")).isEqualTo("abc.DEF-ghi_~+/x==");
        assertThat(BearerHeader.token("bEARER t")).isEqualTo("t");
        assertThat(BearerHeader.token("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerHeader.token(null)).isNull();
    }

    @Test
    void refusesAMalformedBearerHeader() {
        for (String header : new String[]{"Bearer", "Bearer ", "Bearer  t", "Bearer t t", "Bearer =t", "Bearer t=x",
                "Bearer t\n", "Bearertoken", "Bearer tök"}) {
            assertThatThrownBy(() -> BearerHeader.token(header)).as(header)
                    .isInstanceOf(OAuth2AuthenticationException.class).hasMessage("Bearer token is malformed");
        }
    }

    @Provide
    Arbitrary<String> authorizationHeaders() {
        Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer", "Bearer  ",
                "Bearer\t", "Basic ", "", "Bearerx ", "ſearer ", " Bearer ");
        Arbitrary<String> token = Arbitraries.strings()
                .withChars("abcXYZ0189-._~+/=")
                .withChars(" \t\n\r%&:;,é\u0130\u017f")
                .ofMinLength(0).ofMaxLength(24);
        Arbitrary<String> wellFormed = Arbitraries.strings().withChars("aZ09-._~+/").ofMinLength(1).ofMaxLength(24)
                .flatMap(body -> Arbitraries.strings().withChars('=').ofMaxLength(3).map(padding -> body + padding));
        return Combinators.combine(scheme, Arbitraries.oneOf(token, wellFormed)).as(String::concat);
    }

    private static MockHttpServletRequest request(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/accounts");
        request.addHeader(HttpHeaders.AUTHORIZATION, header);
        return request;
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token " + resolve.get();
        } catch (OAuth2AuthenticationException refused) {
            return "refused " + refused.getError().getErrorCode() + " " + refused.getMessage();
        }
    }
}
