package dev.animerec.crawler.parse;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as MAL pages print them. Moments are often relative ("10 hours ago", "Yesterday, 9:01 AM",
 * "May 4, 8:09 AM" without a year), so they are resolved against the crawl instant. MAL shows guests the
 * times in one fixed zone; we read them as UTC, which is within a day of the truth and never in the future.
 */
public final class MalDates {

    public static final ZoneId PAGE_ZONE = ZoneOffset.UTC;

    private static final DateTimeFormatter DAY = formatter("MMM d, yyyy");
    private static final DateTimeFormatter DAY_TIME = formatter("MMM d, yyyy h:mm a");
    private static final DateTimeFormatter TIME = formatter("h:mm a");
    private static final Pattern AGO = Pattern.compile("(\\d+|an?) (second|minute|hour|day|week)s? ago");
    private static final Pattern MONTH_DAY_TIME = Pattern.compile("([A-Z][a-z]{2}) (\\d{1,2}), (\\d{1,2}:\\d{2} [AP]M)");

    private MalDates() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }

    /** "Apr 3, 1998" -> date; partial or unknown dates ("?", "2005", "Oct 2005", "Not available") -> null. */
    public static LocalDate day(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim().replaceAll("\\s+", " "), DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A moment printed absolutely or relatively to the crawl; null when the text is none of MAL's forms. */
    public static Instant moment(String text, Instant crawlDate) {
        if (text == null) {
            return null;
        }
        String t = text.trim().replaceAll("\\s+", " ");
        LocalDateTime now = LocalDateTime.ofInstant(crawlDate, PAGE_ZONE);
        if (t.equalsIgnoreCase("now") || t.equalsIgnoreCase("just now")) {
            return crawlDate;
        }
        Matcher ago = AGO.matcher(t.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = ago.group(1).startsWith("a") ? 1 : Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "second" -> Duration.ofSeconds(1);
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                case "day" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            try {
                return crawlDate.minus(unit.multipliedBy(n));
            } catch (ArithmeticException | DateTimeException e) {
                return null; // "10^20 weeks ago" is no moment: the caller names the field it wanted
            }
        }
        try {
            if (t.regionMatches(true, 0, "Today, ", 0, 7)) {
                return at(now.toLocalDate(), LocalTime.parse(t.substring(7), TIME));
            }
            if (t.regionMatches(true, 0, "Yesterday, ", 0, 11)) {
                return at(now.toLocalDate().minusDays(1), LocalTime.parse(t.substring(11), TIME));
            }
            Matcher md = MONTH_DAY_TIME.matcher(t);
            if (md.matches()) {
                LocalDateTime thisYear = LocalDateTime.parse(md.group(1) + " " + md.group(2) + ", " + now.getYear()
                        + " " + md.group(3), DAY_TIME);
                // No year means within the last twelve months.
                return (thisYear.isAfter(now) ? thisYear.minusYears(1) : thisYear).atZone(PAGE_ZONE).toInstant();
            }
            if (t.matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4},? \\d{1,2}:\\d{2} [AP]M")) {
                return LocalDateTime.parse(t.replace(",  ", ", ").replaceFirst("(\\d{4}),", "$1"), DAY_TIME)
                        .atZone(PAGE_ZONE).toInstant();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        LocalDate day = day(t);
        return day == null ? null : day.atStartOfDay(PAGE_ZONE).toInstant();
    }

    private static Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(PAGE_ZONE).toInstant();
    }
}
