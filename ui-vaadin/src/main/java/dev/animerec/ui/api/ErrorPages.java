package dev.animerec.ui.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of the whole app ({@code /error}, in place of Spring Boot's): whatever ended in an error status
 * outside a controller (no handler for the path, a method or media type no handler takes, a filter's rejection) is
 * answered in the API's JSON shape {@code {"status","error","message"}} with a message per status that never
 * repeats the input. Written straight to the response, so a client that accepts no JSON still gets it.
 */
@Controller
public class ErrorPages implements ErrorController {

    static final String NOT_ACCEPTABLE = "this API answers application/json only";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        write(response, status, message(status));
    }

    /** The message for an error status when no more is known. */
    public static String message(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is malformed";
            case UNAUTHORIZED -> "a valid client token is needed";
            case FORBIDDEN -> "not allowed";
            case NOT_FOUND -> "no such API resource";
            case METHOD_NOT_ALLOWED -> "method not allowed here";
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> BodyLimitFilter.MESSAGE;
            case URI_TOO_LONG -> "the URL is too long";
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are too large";
            case INTERNAL_SERVER_ERROR -> "internal error; it has been logged";
            default -> status.getReasonPhrase();
        };
    }

    public static byte[] body(HttpStatus status, String message) {
        try {
            return JSON.writeValueAsBytes(new ApiError(status.value(), status.getReasonPhrase(), message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        byte[] body = body(status, message);
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
