package org.mlarena.numerics.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a UTF-8 text file for a reader and turns the ways that can fail into messages that name the file. */
final class TextFiles {

    /** What reads the opened file; it names the source in its own messages. */
    interface Parser<T> {
        T parse(Reader in, String source) throws InvalidDataException, IOException;
    }

    private TextFiles() {
    }

    static <T> T read(Path file, Parser<T> parser) throws InvalidDataException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parser.parse(in, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file + ": is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
