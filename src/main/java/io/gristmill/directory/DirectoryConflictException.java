package io.gristmill.directory;

/** A directory write refused because of another employee's identity or a concurrent change. */
public class DirectoryConflictException extends RuntimeException {
    public DirectoryConflictException(String message) {
        super(message);
    }
}
