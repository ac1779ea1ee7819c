package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.nova.platform.core.cluster.GitOpsTarget;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

/**
 * The server side of Git's smart HTTP protocol, fetch only, for the repositories the platform keeps on its own disk
 * (JGit's {@link UploadPack}): the reference advertisement ({@code GET info/refs?service=git-upload-pack}) and the
 * pack negotiation ({@code POST git-upload-pack}), protocol versions 0 to 2. Nothing here can push. Only
 * repositories under {@code root} (the platform's local repository folder) are served, whatever a cluster's URL says.
 */
public final class GitUploadService {

    public static final String SERVICE = "git-upload-pack";
    public static final String ADVERTISEMENT_TYPE = "application/x-git-upload-pack-advertisement";
    public static final String REQUEST_TYPE = "application/x-git-upload-pack-request";
    public static final String RESULT_TYPE = "application/x-git-upload-pack-result";

    private final Path root;

    /** @param root where the platform keeps its local repositories ({@code nova.gitops.local-repository}) */
    public GitUploadService(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether the target is a repository under the platform's local folder that exists. */
    public boolean serves(GitOpsTarget target) {
        return directory(target).isPresent();
    }

    /**
     * Writes the reference advertisement of the target's repository.
     *
     * @param protocol the client's {@code Git-Protocol} parameters ({@code version=2}), empty for version 0
     */
    public void advertise(GitOpsTarget target, List<String> protocol, OutputStream out) throws IOException {
        try (Repository repository = open(target)) {
            UploadPack upload = uploadPack(repository, protocol);
            try {
                upload.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(new PacketLineOut(out)), SERVICE);
            } finally {
                upload.getRevWalk().close();
            }
        }
    }

    /** Answers one fetch request (wants and haves, or a protocol version 2 command) with its result. */
    public void upload(GitOpsTarget target, List<String> protocol, InputStream in, OutputStream out)
            throws IOException {
        try (Repository repository = open(target); UploadPack upload = uploadPack(repository, protocol)) {
            upload.uploadWithExceptionPropagation(in, out, null);
        }
    }

    private static UploadPack uploadPack(Repository repository, List<String> protocol) {
        UploadPack upload = new UploadPack(repository);
        upload.setBiDirectionalPipe(false);
        if (!protocol.isEmpty()) {
            upload.setExtraParameters(protocol);
        }
        return upload;
    }

    private Repository open(GitOpsTarget target) throws IOException {
        Path directory = directory(target).orElseThrow(() -> new GitOpsException(
                "The platform keeps no repository at " + (target == null ? null : target.url())));
        return new FileRepositoryBuilder().setGitDir(RepositoryCache.FileKey.lenient(directory.toFile(), FS.DETECTED)
                .getFile()).setMustExist(true).build();
    }

    private Optional<Path> directory(GitOpsTarget target) {
        if (target == null || target.url() == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = GitOpsRepository.filePath(target.url());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null || !path.startsWith(root) || !Files.isDirectory(path)
                || RepositoryCache.FileKey.resolve(path.toFile(), FS.DETECTED) == null) {
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
