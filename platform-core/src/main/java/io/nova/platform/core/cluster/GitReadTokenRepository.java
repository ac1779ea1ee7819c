package io.nova.platform.core.cluster;

import org.springframework.data.jpa.repository.JpaRepository;

interface GitReadTokenRepository extends JpaRepository<GitReadToken, String> {
}
