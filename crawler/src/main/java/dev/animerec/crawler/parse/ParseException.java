package dev.animerec.crawler.parse;

/**
 * A page or API answer that cannot be mapped into items: a required field is missing, unreadable or out of
 * range. Names the page kind and the field, so a dead letter says exactly what changed on the source.
 */
public class ParseException extends Exception {

    private final String pageKind;
    private final String field;

    public ParseException(String pageKind, String field, String reason) {
        this(pageKind, field, reason, null);
    }

    public ParseException(String pageKind, String field, String reason, Throwable cause) {
        super(pageKind + ": field '" + field + "': " + reason, cause);
        this.pageKind = pageKind;
        this.field = field;
    }

    public String pageKind() {
        return pageKind;
    }

    public String field() {
        return field;
    }
}
