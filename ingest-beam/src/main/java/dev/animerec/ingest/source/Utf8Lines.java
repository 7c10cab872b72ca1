package dev.animerec.ingest.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: a payload with broken bytes is dead-lettered, never silently repaired. */
final class Utf8Lines {

    private Utf8Lines() {
    }

    static RawRecord decode(byte[] bytes, int length, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
            return RawRecord.of(text, source);
        } catch (CharacterCodingException e) {
            return new RawRecord(new String(bytes, 0, length, StandardCharsets.UTF_8), source,
                    "payload is not valid UTF-8 (shown here with replacement characters)");
        }
    }
}
