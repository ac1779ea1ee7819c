package io.nova.platform.core.apikey;

import java.util.Optional;

import io.nova.platform.core.tenant.Tenant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelApiKeyRepository extends JpaRepository<ModelApiKey, Long> {

    Page<ModelApiKey> findByTenant(Tenant tenant, Pageable pageable);

    Optional<ModelApiKey> findByTenantAndName(Tenant tenant, String name);

    long countByTenant(Tenant tenant);
}
