package io.eventbank.identity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Swagger UI offers the bearer scheme, so that a user can paste a token and try the API. */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class BearerSchemeConfiguration {

    private static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer bearerScheme() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("an access token of the configured OpenID Connect provider"));
            api.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        };
    }
}
