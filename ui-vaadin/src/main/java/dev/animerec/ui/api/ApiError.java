package dev.animerec.ui.api;

/** Every error of the API: the HTTP status, its reason phrase and a message written for the caller. */
public record ApiError(int status, String error, String message) {
}
