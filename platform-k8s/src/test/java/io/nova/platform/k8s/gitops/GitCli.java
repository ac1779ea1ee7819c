package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The real {@code git} command line, to check what the platform wrote independently of JGit. */
final class GitCli {

    private GitCli() {
    }

    /** Runs git in {@code directory} and returns its standard output without surrounding whitespace. */
    static String git(Path directory, String... arguments) {
        return new String(gitBytes(directory, arguments), StandardCharsets.UTF_8).strip();
    }

    /** Runs git in {@code directory}, failing the test when it fails, and returns its standard output as is. */
    static byte[] gitBytes(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Someone Else",
                "-c", "user.email=someone@example.com", "-c", "core.autocrlf=false"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] output = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new AssertionError("git " + String.join(" ", arguments) + " failed (" + exit + "): "
                        + new String(errors.join(), StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static SortedMap<String, String> files(String... pathsAndContents) {
        SortedMap<String, String> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }
}
