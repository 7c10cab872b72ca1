package dev.animerec.crawler.parse;

import dev.animerec.items.InvalidItemException;

/**
 * Turns the runtime failures a mangled page can provoke inside a parser (a broken item contract, a number
 * or date that does not parse, a JSON node of the wrong type) into a {@link ParseException}, so callers
 * handle exactly one typed error per page.
 */
public final class Guard {

    /** The field a parse error names when a runtime failure escaped the parser's own field checks. */
    public static final String UNKNOWN_FIELD = "?";

    @FunctionalInterface
    public interface Body<T> {
        T run() throws ParseException;
    }

    private Guard() {
    }

    public static <T> T parse(String pageKind, Body<T> body) throws ParseException {
        try {
            return body.run();
        } catch (ParseException e) {
            throw e;
        } catch (FieldValueException e) {
            throw new ParseException(pageKind, e.field(), e.getMessage(), e);
        } catch (InvalidItemException e) {
            throw new ParseException(pageKind, e.field(), e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ParseException(pageKind, UNKNOWN_FIELD, "unreadable content: " + e, e);
        }
    }
}
