package io.nova.platform.k8s.gitops;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The part of a cluster's folder a partial {@link GitOpsRepository#sync sync} or {@link GitOpsRepository#plan plan}
 * compares, writes and prunes: a test on file paths (relative to the folder) that can also rule out whole subfolders,
 * so that the repository does not read the trees of subfolders the scope cannot reach (the other tenants' folders).
 *
 * <p>A plain {@code Predicate<String>} works as a scope too; the repository then has to ask it about every file of the
 * folder. Either way, a file counts as in scope exactly when {@link #test} accepts it.
 */
public interface PathScope extends Predicate<String> {

    /**
     * Whether any file under {@code folder} (relative to the cluster's folder, without a trailing slash) may be in
     * scope. Answering false promises that {@link #test} rejects every path below it; the repository then skips it.
     */
    boolean mayHold(String folder);

    /** Every path: a whole delivery. */
    static PathScope everything() {
        return of(path -> true, folder -> true);
    }

    /**
     * @param files   the test on file paths
     * @param folders false for a subfolder none of whose files {@code files} accepts
     */
    static PathScope of(Predicate<String> files, Predicate<String> folders) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(folders, "folders");
        return new PathScope() {
            @Override
            public boolean test(String path) {
                return files.test(path);
            }

            @Override
            public boolean mayHold(String folder) {
                return folders.test(folder);
            }
        };
    }

    /** The scope to use for any predicate: itself when it is a PathScope, else one that must look at every file. */
    static PathScope from(Predicate<String> scope) {
        Objects.requireNonNull(scope, "scope");
        return scope instanceof PathScope paths ? paths : of(scope, folder -> true);
    }
}
