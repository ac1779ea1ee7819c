package io.nova.platform.app.db;

/** The embedded database's folder cannot be taken over; the message says what to do. */
final class DataDirectoryInUseException extends IllegalStateException {

    DataDirectoryInUseException(String message) {
        super(message);
    }
}
