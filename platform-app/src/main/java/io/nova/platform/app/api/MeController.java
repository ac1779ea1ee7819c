package io.nova.platform.app.api;

import io.nova.platform.core.me.CallerProfile;
import io.nova.platform.core.me.CallerProfileService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Me", description = "The authenticated caller")
class MeController {

    private final CallerProfileService profiles;

    MeController(CallerProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "Who the caller is: subject, groups, roles and the tenants it administers")
    CallerProfile me() {
        return profiles.current();
    }
}
