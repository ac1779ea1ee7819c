package io.nova.platform.app.gitops;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.cluster.GitReadAccess;
import io.nova.platform.k8s.gitops.GitUploadService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The platform's local GitOps repositories over Git smart HTTP, read-only, at {@code /git/<cluster>}: what a cluster's
 * Flux {@code GitRepository} points at. Each request authenticates with HTTP Basic, the password being the
 * cluster's read token ({@link GitReadAccess}); the user name is not checked. A missing or wrong token, an unknown
 * cluster and a cluster whose repository the platform does not keep all get the same 401, so nothing tells them
 * apart. Pushing is refused.
 */
@Controller
@RequestMapping("/git/{cluster}")
class GitHttpController {

    static final String REALM = "Basic realm=\"nova-gitops\", charset=\"UTF-8\"";
    /** Far above what a fetch of one branch sends (its wants and haves). */
    static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(GitHttpController.class);

    private final GitReadAccess access;
    private final GitUploadService uploads;

    GitHttpController(GitReadAccess access, GitUploadService uploads) {
        this.access = access;
        this.uploads = uploads;
    }

    @GetMapping("/info/refs")
    void infoRefs(@PathVariable String cluster, @RequestParam(name = "service", required = false) String service,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!GitUploadService.SERVICE.equals(service)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Read-only repository",
                    "Only fetching over Git smart HTTP (service=git-upload-pack) is offered here");
            return;
        }
        Optional<GitOpsTarget> target = authorized(cluster, request, response);
        if (target.isEmpty()) {
            return;
        }
        var advertisement = new ByteArrayOutputStream();
        uploads.advertise(target.get(), protocol(request), advertisement);
        response.setContentType(GitUploadService.ADVERTISEMENT_TYPE);
        noCache(response);
        response.setContentLength(advertisement.size());
        advertisement.writeTo(response.getOutputStream());
    }

    @PostMapping("/" + GitUploadService.SERVICE)
    void uploadPack(@PathVariable String cluster, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<GitOpsTarget> target = authorized(cluster, request, response);
        if (target.isEmpty()) {
            return;
        }
        if (!GitUploadService.REQUEST_TYPE.equals(request.getContentType())) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "A fetch request has the content type " + GitUploadService.REQUEST_TYPE);
            return;
        }
        if (request.getContentLengthLong() > MAX_REQUEST_BYTES) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request too large",
                    "Fetch requests are limited to %d MiB".formatted(MAX_REQUEST_BYTES / 1024 / 1024));
            return;
        }
        response.setContentType(GitUploadService.RESULT_TYPE);
        noCache(response);
        try {
            uploads.upload(target.get(), protocol(request), body(request), response.getOutputStream());
        } catch (IOException | RuntimeException e) {
            // The pack may be half sent: the client sees a broken stream and fetches again.
            log.warn("Fetch of cluster {}'s repository failed: {}", cluster, e.toString());
            if (!response.isCommitted()) {
                response.reset();
                refuse(response, HttpServletResponse.SC_BAD_REQUEST, "Fetch failed",
                        "The repository could not answer this fetch request");
            }
        }
    }

    @RequestMapping("/git-receive-pack")
    void receivePack(HttpServletResponse response) throws IOException {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "Read-only repository",
                "The platform commits to this repository itself; pushing is not offered");
    }

    /** The cluster's repository when the request carries its token; otherwise a 401 is written and empty returned. */
    private Optional<GitOpsTarget> authorized(String cluster, HttpServletRequest request,
                                              HttpServletResponse response) throws IOException {
        Optional<GitOpsTarget> target = basicPassword(request).flatMap(token -> access.verify(cluster, token))
                .filter(uploads::serves);
        if (target.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "Send the cluster's Git read token as the password (HTTP Basic); an admin issues it with "
                            + "POST /api/v1/clusters/{name}/git-read-token");
        }
        return target;
    }

    private static Optional<String> basicPassword(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The client's protocol parameters ({@code Git-Protocol: version=2}), as Git sends them. */
    private static List<String> protocol(HttpServletRequest request) {
        String header = request.getHeader("Git-Protocol");
        return header == null || header.isBlank() ? List.of() : Arrays.asList(header.split(":"));
    }

    private static InputStream body(HttpServletRequest request) throws IOException {
        InputStream in = new Bounded(request.getInputStream(), MAX_REQUEST_BYTES);
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        return "gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding)
                ? new Bounded(new GZIPInputStream(in), MAX_REQUEST_BYTES) : in;
    }

    private static void noCache(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, max-age=0, must-revalidate");
    }

    private static void refuse(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(title, status, detail.replace("\"", "'")));
    }

    /** A body that fails once it has given more than {@code limit} bytes (a chunked request has no length). */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("fetch request over " + limit + " bytes");
            }
        }
    }
}
