package dev.animerec.ui.recommend;

/** The caller's input is wrong; the message says how, without echoing the input back. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
