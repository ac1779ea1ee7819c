package io.nova.platform.vault;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line (at DEBUG and above, including Spring Vault's and the HTTP client's) with its stack trace,
 * so that a test can check that no secret ever reaches a log.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final List<String> LOGGERS = List.of("io.nova", "org.springframework.vault",
            "org.springframework.web", "org.springframework.http");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Level> previous = new CopyOnWriteArrayList<>();

    static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.setName("secret-check");
        capture.start();
        capture.root.addAppender(capture);
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.previous.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = event.getLoggerName() + " " + event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        lines.add(line);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        for (int i = 0; i < LOGGERS.size(); i++) {
            ((Logger) LoggerFactory.getLogger(LOGGERS.get(i))).setLevel(previous.get(i));
        }
        stop();
    }
}
