package dev.animerec.ui.viewer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every browser of the UI a signed anonymous viewer id: read from the {@value ViewerIds#COOKIE} cookie, or
 * issued and set (HttpOnly, SameSite=Lax, Secure over HTTPS, one year) when it is missing or not ours. The id is
 * left on the request as {@value #ATTRIBUTE} for the view. The API does not use the cookie (its clients send a token),
 * so nothing an API client does can ride on a browser's cookie.
 */
@Component
public class ViewerCookieFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = "animerec.viewer";
    private static final Duration MAX_AGE = Duration.ofDays(365);

    private final ViewerIds viewers;

    public ViewerCookieFilter(ViewerIds viewers) {
        this.viewers = viewers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator/")
                || path.startsWith("/VAADIN/") || path.startsWith("/styles/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> viewer = Optional.empty();
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (ViewerIds.COOKIE.equals(cookie.getName())) {
                    viewer = viewers.verify(cookie.getValue());
                }
            }
        }
        if (viewer.isEmpty()) {
            String token = viewers.issue();
            viewer = viewers.verify(token);
            response.addHeader("Set-Cookie", ResponseCookie.from(ViewerIds.COOKIE, token).path("/").httpOnly(true)
                    .secure(request.isSecure()).sameSite("Lax").maxAge(MAX_AGE).build().toString());
        }
        request.setAttribute(ATTRIBUTE, viewer.get());
        chain.doFilter(request, response);
    }
}
