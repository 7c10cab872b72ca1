package dev.animerec.ui.recommend;

/** A user or anime that does not exist (or whose list is private). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
