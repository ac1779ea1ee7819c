package io.nova.platform.app.api.audit;

import java.time.Instant;

import io.nova.platform.app.api.Paging;
import io.nova.platform.core.audit.AuditEntry;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.audit.AuditQuery;
import io.nova.platform.core.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Every change: who, what, when, before and after")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Search audit events, newest first")
    PageResult<AuditEntry> find(
            @Parameter(description = "target path, e.g. tenants/team-a; also matches everything under it")
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String actor,
            @Parameter(description = "ISO-8601 instant, e.g. 2026-11-29T00:00:00Z")
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return audit.find(new AuditQuery(blankToNull(target), blankToNull(actor), since, Paging.of(page, size)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
