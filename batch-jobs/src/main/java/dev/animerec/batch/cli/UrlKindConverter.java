package dev.animerec.batch.cli;

import dev.animerec.schedule.UrlKind;
import picocli.CommandLine.ITypeConverter;

/** {@code anime} | {@code profile}, with UrlKind's own error message. */
class UrlKindConverter implements ITypeConverter<UrlKind> {

    @Override
    public UrlKind convert(String value) {
        return UrlKind.parse(value);
    }
}
