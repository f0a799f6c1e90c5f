package io.eventbank.identity;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Every {@code /api/**} call needs a bearer JWT: signed with a key of the JWKS (RS256 only, so neither
 * {@code alg: none} nor an HMAC made with the public key passes), from the configured issuer, for the audience,
 * within its validity; and one of the three roles. Health, the OpenAPI document and Swagger UI are public, other
 * actuator endpoints are for admins; on the internal {@link ManagementPort}, health and metrics are open and nothing
 * else answers. No sessions, no CSRF tokens (no cookie authenticates anything), CORS closed
 * unless origins are allowed.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(AuthSettings.class)
public class IdentityAutoConfiguration {

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/v3/api-docs",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    JwtDecoder jwtDecoder(AuthSettings settings) {
        OAuth2TokenValidator<Jwt> claimChecks = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(settings.clockSkew()),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(settings.audience())));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        decoder.setJwtValidator(claimChecks);
        return new VerifiedTokens(decoder, claimChecks, settings.tokenCacheSize(), settings.tokenCacheLifetime(),
                Clock.systemUTC());
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: they cost a quarter
     * of the command service's throughput with authentication on (docs/performance.md, section 8). The request as a
     * whole is still observed ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall, less strict in two ways the services answered before it existed: a path with an
     * (encoded) semicolon is matched the same way by the access rules and by Spring MVC (both use path patterns,
     * which ignore path parameters), and so reaches the id validation that answers 400; an unknown method reaches
     * Spring MVC, which answers 405, since the rules that name a method give no role more than the rest.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowSemicolon(true);
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return firewall;
    }

    @Bean
    SecurityProblems securityProblems() {
        return new SecurityProblems();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthSettings settings, SecurityProblems problems,
                                    ObjectProvider<ApiAccessRules> serviceRules,
                                    @Value("${" + ManagementPort.PROPERTY + ":}") String managementPort)
            throws Exception {
        String[] roles = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .cors(cors -> cors.configurationSource(corsSource(settings)))
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    if (!managementPort.isBlank()) {
                        ManagementPort.Requests internal = ManagementPort.Requests.on(Integer.parseInt(managementPort));
                        rules.requestMatchers(internal.open()).permitAll();
                        rules.requestMatchers(internal.all()).denyAll();
                    }
                    rules.requestMatchers(PUBLIC).permitAll();
                    rules.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    serviceRules.orderedStream().forEach(serviceRule -> serviceRule.apply(rules));
                    rules.requestMatchers("/api/**").hasAnyRole(roles);
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new BearerHeader())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter(settings.rolesClaim())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    private static CorsConfigurationSource corsSource(AuthSettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(settings.corsAllowedOrigins());
            cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                    "Idempotency-Key"));
            cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
