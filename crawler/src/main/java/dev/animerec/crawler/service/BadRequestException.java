package dev.animerec.crawler.service;

/** The request cannot be served as asked; the message says why and is sent back with a 400. */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
