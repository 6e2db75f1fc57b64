package io.gristmill.directory;

/** A directory write that refers to something the directory does not have. */
public class DirectoryValidationException extends RuntimeException {
    public DirectoryValidationException(String message) {
        super(message);
    }
}
