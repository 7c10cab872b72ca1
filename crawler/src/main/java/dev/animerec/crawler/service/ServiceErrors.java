package dev.animerec.crawler.service;

import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors as {@code {"error": "..."}}: bad input is a 400 naming what is wrong; a MAL or Jikan failure
 * during a seed is a 502 (the upstream's fault, not the caller's). Never a stack trace.
 */
@RestControllerAdvice
@ConditionalOnProperty(name = "animerec.crawler.mode", havingValue = "service")
class ServiceErrors {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrors.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST,
                "the body must be a JSON array of url strings, e.g. [\"https://myanimelist.net/anime/1\"]");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "parameter " + e.getName() + " is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()) + ": '" + e.getValue() + "'");
    }

    @ExceptionHandler({FetchException.class, ParseException.class})
    ResponseEntity<Map<String, String>> upstream(Exception e) {
        log.warn("upstream failure: {}", e.toString());
        return error(HttpStatus.BAD_GATEWAY, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    @ExceptionHandler(InterruptedException.class)
    ResponseEntity<Map<String, String>> interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the service is shutting down");
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
