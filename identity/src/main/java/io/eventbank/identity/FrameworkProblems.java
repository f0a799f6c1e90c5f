package io.eventbank.identity;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the framework answers by itself on either service (an unknown path, a method the path does not take, a
 * request Tomcat refuses before any servlet sees it) is {@code application/problem+json} with a problem type, like
 * every answer of the services' own.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class FrameworkProblems {

    @Bean
    ErrorProblems errorProblems() {
        return new ErrorProblems();
    }

    @Bean
    TomcatProblems tomcatProblems() {
        return new TomcatProblems();
    }
}
