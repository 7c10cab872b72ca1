package dev.animerec.ui.http;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Response headers for the UI and the API (Spring Security), and Tomcat's own errors as JSON.
 *
 * <p>Nobody signs in: Spring Security is here for its header writers and request firewall only, so every request
 * passes. CSRF protection stays with the parts that need it: Vaadin checks its own CSRF token on every UI round
 * trip, and the API authenticates writes with a bearer token, never a cookie. No session is created for the API.
 *
 * <p>The CSP is what Vaadin's client needs, measured with the browser test: its bootstrap and {@code executeJs}
 * need {@code 'unsafe-inline'} and {@code 'unsafe-eval'} for scripts, its components inline styles; covers come from
 * MAL's CDN. Framing is refused ({@code frame-ancestors 'none'} and X-Frame-Options), as are MIME sniffing and
 * referrers beyond the origin across sites.
 */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'"
            + " 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https://cdn.myanimelist.net;"
            + " font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain headers(HttpSecurity http) throws Exception {
        // Only the header writers and the firewall: every filter that would manage a sign-in, a session, a logout, an
        // anonymous principal or authorization is left out, since nobody signs in here (each cost CPU on every
        // request of the known-user path).
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // Vaadin and the API set their own caching; Spring's blanket no-store would stop browsers
                        // from caching Vaadin's static bundle.
                        .cacheControl(cache -> cache.disable()))
                .build();
    }

    /**
     * Runs after Spring Boot's Tomcat customizer, which puts a plain {@link ErrorReportValve} on the host: that valve
     * is replaced by {@link JsonErrorReportValve}, and the host is told to use it, so it does not add its default.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return new Customizer();
    }

    private static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container parent = context.getParent();
                if (parent instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new JsonErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
