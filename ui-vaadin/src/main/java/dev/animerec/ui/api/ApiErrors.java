package dev.animerec.ui.api;

import dev.animerec.items.InvalidItemException;
import dev.animerec.ui.published.NotPublishedException;
import dev.animerec.ui.recommend.BadRequestException;
import dev.animerec.ui.recommend.NotFoundException;
import dev.animerec.ui.recommend.OverloadedException;
import dev.animerec.ui.recommend.UpstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import dev.animerec.ui.viewer.TooManyRequestsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Bad input answers a 4xx with a JSON message that never repeats the input (so nothing hostile is reflected);
 * only an unavailable dependency answers 503, and anything unexpected a 500 without a stack trace.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidItemException.class)
    ResponseEntity<ApiError> invalidEntry(InvalidItemException e) {
        return error(HttpStatus.BAD_REQUEST, "a list entry is invalid: status must be watching, completed, on_hold,"
                + " dropped or plan_to_watch and score 0 to 10");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has the wrong type");
    }

    /**
     * The query parameters bound into {@link RecommendationQuery}: a value of the wrong type, or one outside its
     * constraint. Only the parameter's name and the constraint's own message are answered, never the value.
     */
    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> binding(BindException e) {
        FieldError field = e.getFieldError();
        if (field == null) {
            return error(HttpStatus.BAD_REQUEST, "the query parameters are invalid");
        }
        if (field.isBindingFailure()) {
            return error(HttpStatus.BAD_REQUEST, "parameter '" + field.getField() + "' has the wrong type");
        }
        return error(HttpStatus.BAD_REQUEST, field.getDefaultMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required");
    }

    /**
     * Strict JSON (application.yml): a string where a number belongs, a fraction for an integer, a duplicate key,
     * an unknown field or anything after the document is a 400 like malformed JSON. A body cut off by the size limit
     * is a 413.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitFilter.TooLargeException) {
                return error(HttpStatus.PAYLOAD_TOO_LARGE, BodyLimitFilter.MESSAGE);
            }
        }
        return error(HttpStatus.BAD_REQUEST, "the request body is not JSON of the documented shape");
    }

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<ApiError> unauthorized(UnauthorizedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_JSON).body(new ApiError(401, "Unauthorized", e.getMessage()));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ApiError> tooMany(TooManyRequestsException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON).body(new ApiError(429, "Too Many Requests", e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }

    /** Written directly: content negotiation would find no way to answer a client that accepts no JSON at all. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletResponse response) throws IOException {
        ErrorPages.write(response, HttpStatus.NOT_ACCEPTABLE, ErrorPages.NOT_ACCEPTABLE);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "no such API resource");
    }

    /** Every 503 says when to try again (Retry-After, whole seconds, at least 1). */
    @ExceptionHandler({UpstreamUnavailableException.class, NotPublishedException.class, OverloadedException.class})
    ResponseEntity<ApiError> unavailable(RuntimeException e) {
        log.warn("unavailable: {}", e.toString());
        Duration retryAfter = e instanceof UpstreamUnavailableException upstream && upstream.retryAfter() != null
                ? upstream.retryAfter() : e instanceof NotPublishedException ? Duration.ofSeconds(30) : Duration.ofSeconds(1);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON).body(new ApiError(503, "Service Unavailable", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected error in the API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; it has been logged");
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message));
    }
}
