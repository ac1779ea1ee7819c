package io.nova.platform.app.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start that cannot take the embedded database's folder over ends with what to do, not a stack trace. */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(), "Stop the process named above, or start with another "
                + "NOVA_DATA_DIR.", cause);
    }
}
