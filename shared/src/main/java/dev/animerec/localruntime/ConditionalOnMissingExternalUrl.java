package dev.animerec.localruntime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when none of the named properties is set to a non-blank value. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnMissingExternalUrl.OnMissingExternalUrl.class)
public @interface ConditionalOnMissingExternalUrl {

    String[] value();

    class OnMissingExternalUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes =
                    metadata.getAnnotationAttributes(ConditionalOnMissingExternalUrl.class.getName());
            for (String property : (String[]) attributes.get("value")) {
                String value = context.getEnvironment().getProperty(property);
                if (value != null && !value.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }
}
