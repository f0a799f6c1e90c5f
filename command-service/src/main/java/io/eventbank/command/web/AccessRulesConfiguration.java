package io.eventbank.command.web;

import io.eventbank.identity.ApiAccessRules;
import io.eventbank.identity.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The commands a role may not send at all (API.md's role × operation table); which accounts and orders a customer
 * may act on is decided by the aggregates.
 */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    ApiAccessRules commandAccessRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/accounts", "/api/accounts/*/close", "/api/orders")
                .hasAnyRole(Role.CUSTOMER.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/orders/*/ship")
                .hasAnyRole(Role.TELLER.name(), Role.ADMIN.name());
    }
}
