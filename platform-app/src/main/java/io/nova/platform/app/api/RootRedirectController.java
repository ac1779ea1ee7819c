package io.nova.platform.app.api;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Until the console lands, the front page is the API explorer. */
@Controller
class RootRedirectController {

    @GetMapping("/")
    String root() {
        return "redirect:/swagger-ui/index.html";
    }
}
