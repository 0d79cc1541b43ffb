package io.slb.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JournalFiles names, lists, renames and deletes the files of one journal directory:
 * {@code journal-<20-digit first position>.log} segments and {@code snapshot-<20-digit position>.json}
 * snapshots. Every change to the directory is followed by an fsync of the directory itself, so that
 * a created, renamed or deleted name survives a power cut. Not thread safe.
 */
final class JournalFiles {
    /** The suffix of a file set aside because it follows a corruption; kept for forensics. */
    static final String CORRUPT_SUFFIX = ".corrupt";
    /** The suffix of a snapshot being written; a leftover one is an interrupted write. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.json");
    private static final String POSITION_FORMAT = "%020d";

    private final Path dir;

    JournalFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** NumberedFile is a segment (numbered by its first position) or a snapshot (by its position). */
    record NumberedFile(Path path, long position) {
        String name() {
            return path.getFileName().toString();
        }
    }

    Path segmentPath(long firstPosition) {
        return dir.resolve("journal-" + String.format(POSITION_FORMAT, firstPosition) + ".log");
    }

    Path snapshotPath(long position) {
        return dir.resolve("snapshot-" + String.format(POSITION_FORMAT, position) + ".json");
    }

    /** Returns the segments, oldest first. */
    List<NumberedFile> segments() throws IOException {
        return list(SEGMENT);
    }

    /** Returns the snapshots, oldest first. */
    List<NumberedFile> snapshots() throws IOException {
        return list(SNAPSHOT);
    }

    private List<NumberedFile> list(Pattern pattern) throws IOException {
        List<NumberedFile> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher m = pattern.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry)) {
                    found.add(new NumberedFile(entry, Long.parseLong(m.group(1))));
                }
            }
        }
        found.sort(Comparator.comparingLong(NumberedFile::position));
        return found;
    }

    /** Deletes leftovers of interrupted snapshot writes; returns their names. */
    List<String> deleteTemporaries() throws IOException {
        List<String> deleted = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + TEMPORARY_SUFFIX)) {
            for (Path entry : entries) {
                Files.delete(entry);
                deleted.add(entry.getFileName().toString());
            }
        }
        if (!deleted.isEmpty()) {
            syncDirectory();
        }
        return deleted;
    }

    /** Renames each of {@code files} to its name plus {@link #CORRUPT_SUFFIX}, replacing an older one. */
    void setAside(List<NumberedFile> files) throws IOException {
        for (NumberedFile f : files) {
            Files.move(f.path(), f.path().resolveSibling(f.name() + CORRUPT_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!files.isEmpty()) {
            syncDirectory();
        }
    }

    /** Deletes {@code files}. */
    void delete(List<NumberedFile> files) throws IOException {
        for (NumberedFile f : files) {
            Files.deleteIfExists(f.path());
        }
        if (!files.isEmpty()) {
            syncDirectory();
        }
    }

    /** Forces the directory's entries (names) to disk. */
    void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
