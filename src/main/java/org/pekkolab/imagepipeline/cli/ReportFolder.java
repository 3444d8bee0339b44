package org.pekkolab.imagepipeline.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.pekkolab.imagepipeline.settings.UsageException;

/**
 * Where a run's report goes, made and checked before the first row: a sweep of minutes must not
 * find out at its end that it cannot write. Without --report, a folder of its own under results/,
 * named after the moment it started; two runs started in the same second get two folders.
 */
final class ReportFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ReportFolder() {}

    /** A new folder under {@code results} named after {@code now}, with -2, -3, ... if another run took the name. */
    static Path fresh(Path results, LocalDateTime now) {
        var stamp = now.format(STAMP);
        try {
            Files.createDirectories(results);
            for (int attempt = 1; ; attempt++) {
                var candidate = results.resolve(attempt == 1 ? stamp : stamp + "-" + attempt);
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException e) {
                    // Another run started in the same second: the next name.
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot create a report folder under " + results + ": " + reason(e));
        }
    }

    /** {@code dir} made if needed, and proved writable by writing into it. */
    static Path given(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check", ""));
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException("cannot write the report into " + dir + ": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        var message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
