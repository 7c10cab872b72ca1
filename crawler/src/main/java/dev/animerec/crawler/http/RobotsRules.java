package dev.animerec.crawler.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a robots.txt that apply to our User-Agent (its own group, else {@code *}): the longest
 * matching Allow/Disallow prefix wins, {@code *} and {@code $} wildcards supported.
 */
public final class RobotsRules {

    private record Rule(boolean allow, String pattern) {
    }

    public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static RobotsRules parse(String robotsTxt, String userAgentToken) {
        String agent = userAgentToken.toLowerCase(Locale.ROOT);
        List<Rule> specific = new ArrayList<>();
        List<Rule> wildcard = new ArrayList<>();
        List<String> groupAgents = new ArrayList<>();
        boolean inRules = false;
        for (String raw : robotsTxt.split("\\R")) {
            String line = raw.replaceFirst("#.*$", "").trim();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("user-agent")) {
                if (inRules) {
                    groupAgents.clear();
                    inRules = false;
                }
                groupAgents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (value.isEmpty()) {
                    continue;
                }
                Rule rule = new Rule(key.equals("allow"), value);
                for (String a : groupAgents) {
                    if (a.equals("*")) {
                        wildcard.add(rule);
                    } else if (agent.contains(a)) {
                        specific.add(rule);
                    }
                }
            }
        }
        return new RobotsRules(specific.isEmpty() ? wildcard : specific);
    }

    public boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule rule : rules) {
            if (matches(rule.pattern, pathAndQuery)
                    && (best == null || rule.pattern.length() > best.pattern.length()
                    || rule.pattern.length() == best.pattern.length() && rule.allow)) {
                best = rule;
            }
        }
        return best == null || best.allow;
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        String regex = java.util.Arrays.stream(p.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return path.matches(regex + (anchored ? "" : ".*"));
    }
}
