package io.eventbank.query;

import io.eventbank.testsupport.TestTokens;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/** The test's {@code RestTestClient} calls as an admin unless a request says otherwise. */
@TestConfiguration(proxyBeanMethods = false)
class AdminTokenClient {

    @Bean
    RestTestClientBuilderCustomizer adminToken() {
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin());
    }
}
