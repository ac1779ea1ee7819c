package io.nova.platform.app.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The development setup's single administrator. Its password is generated at the first start and printed once;
 * only its hash is stored.
 */
class LocalAdminAccount implements UserDetailsService {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(LocalAdminAccount.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    LocalAdminAccount(JdbcTemplate jdbc, PasswordEncoder encoder, String fixedPassword) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        ensure(fixedPassword);
    }

    private void ensure(String fixedPassword) {
        List<String> hashes = jdbc.queryForList("SELECT password_hash FROM local_account WHERE username = ?",
                String.class, USERNAME);
        if (fixedPassword != null) {
            if (hashes.isEmpty() || !encoder.matches(fixedPassword, hashes.getFirst())) {
                jdbc.update("DELETE FROM local_account WHERE username = ?", USERNAME);
                insert(encoder.encode(fixedPassword));
            }
            return;
        }
        if (hashes.isEmpty()) {
            String password = generate();
            insert(encoder.encode(password));
            log.warn("""
                    DEVELOPMENT SETUP: no OIDC issuer is configured (nova.security.oidc.issuer-uri).
                    Local admin account created: user '{}', password '{}' — shown this once; only its hash is stored.""",
                    USERNAME, password);
        } else {
            log.warn("DEVELOPMENT SETUP: no OIDC issuer is configured; sign in as the local admin '{}'", USERNAME);
        }
    }

    private void insert(String hash) {
        jdbc.update("INSERT INTO local_account (username, password_hash, created_at) VALUES (?, ?, ?)", USERNAME,
                hash, Timestamp.from(Instant.now()));
    }

    private static String generate() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<String> hashes = jdbc.queryForList("SELECT password_hash FROM local_account WHERE username = ?",
                String.class, username);
        if (hashes.isEmpty()) {
            throw new UsernameNotFoundException(username);
        }
        return User.withUsername(username).password(hashes.getFirst()).authorities("ROLE_LOCAL_ADMIN").build();
    }
}
