package dev.animerec.ui.api;

/** An API request that needs a client token came without a valid one; answered 401. */
class UnauthorizedException extends RuntimeException {

    UnauthorizedException(String message) {
        super(message);
    }
}
