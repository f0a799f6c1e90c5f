package io.eventbank.query.web;

import io.eventbank.identity.ApiAccessRules;
import io.eventbank.identity.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin endpoints are for admins; what else a role may read is decided by the queries. */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    ApiAccessRules queryAccessRules() {
        return rules -> rules.requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name());
    }
}
