package dev.animerec.ingest.landing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a JSON-lines file the way every stage of the project expects to find one: complete or absent.
 * The lines go to a hidden {@code .tmp} file, forced to disk, then renamed into place atomically.
 */
public final class JsonLinesFiles {

    private JsonLinesFiles() {
    }

    public static Path writeAtomically(Path dir, String fileName, Iterable<String> lines) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName);
        Path temp = dir.resolve("." + fileName + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = Channels.newOutputStream(channel);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
            writer.flush();
            channel.force(true);
        }
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
