package dev.animerec.vertex.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the pipeline definition's {@code {name}} placeholders into KFP's input placeholders
 * ({@code {{$.inputs.parameters['name']}}}), which the Vertex AI backend replaces at run time.
 */
public final class Placeholders {

    /** A definition placeholder: lower-case words joined by '_' in single braces. */
    static final Pattern DEFINITION = Pattern.compile("(?<!\\{)\\{([a-z][a-z0-9_]*)\\}(?!\\})");
    /** A KFP input parameter placeholder. */
    public static final Pattern KFP_INPUT = Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['([a-z][a-z0-9_]*)'\\]\\}\\}");

    private Placeholders() {
    }

    /** The KFP placeholder of an input parameter. */
    public static String input(String name) {
        return "{{$.inputs.parameters['" + name + "']}}";
    }

    /** The KFP placeholder of the file an output parameter is written to. */
    public static String outputFile(String name) {
        return "{{$.outputs.parameters['" + name + "'].output_file}}";
    }

    /** The argument with every {@code {name}} replaced by the KFP input placeholder of the same name. */
    public static String toKfp(String argument) {
        return DEFINITION.matcher(argument).replaceAll(match -> Matcher.quoteReplacement(input(match.group(1))));
    }

    public static List<String> toKfp(List<String> arguments) {
        return arguments.stream().map(Placeholders::toKfp).toList();
    }

    /** The {@code {name}} placeholders the arguments use, in order of first use. */
    public static Set<String> definitionNames(List<String> arguments) {
        Set<String> names = new LinkedHashSet<>();
        arguments.forEach(argument -> DEFINITION.matcher(argument).results().forEach(m -> names.add(m.group(1))));
        return names;
    }

    /** The KFP input parameters a text refers to, in order of first use. */
    public static Set<String> kfpInputNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        KFP_INPUT.matcher(text).results().forEach(m -> names.add(m.group(1)));
        return names;
    }
}
