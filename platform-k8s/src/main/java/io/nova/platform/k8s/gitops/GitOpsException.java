package io.nova.platform.k8s.gitops;

/** A GitOps repository could not be read, written or pushed to; the message says which and why. */
public class GitOpsException extends RuntimeException {

    public GitOpsException(String message) {
        super(message);
    }

    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
