package dev.animerec.crawler.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as MAL prints them: "1,251,960", "#28", "8.78", "N/A", "Unknown". */
public final class Numbers {

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    private Numbers() {
    }

    /** The first number in the text, or null when there is none (N/A, Unknown, ?, blank). */
    public static String firstNumber(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        return m.find() ? m.group().replace(",", "") : null;
    }

    public static Long toLong(String text) {
        String n = firstNumber(text);
        return n == null ? null : (long) Double.parseDouble(n);
    }

    /** The first number as an int; a number beyond int's range is no count MAL prints, so the field fails. */
    public static Integer toInt(String text, String field) {
        Long n = toLong(text);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw new FieldValueException(field, "out of range: " + firstNumber(text), null);
        }
        return n == null ? null : n.intValue();
    }

    public static Double toDouble(String text) {
        String n = firstNumber(text);
        return n == null ? null : Double.parseDouble(n);
    }
}
