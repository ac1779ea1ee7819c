package io.nova.platform.ui.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.nova.platform.core.me.CallerProfile;
import io.nova.platform.core.me.CallerProfileService;
import io.nova.platform.ui.audit.AuditView;
import io.nova.platform.ui.cluster.ClustersView;
import io.nova.platform.ui.gpu.ClusterQueuesView;
import io.nova.platform.ui.gpu.GpuPoolsView;
import io.nova.platform.ui.overview.OverviewView;
import io.nova.platform.ui.tenant.TenantsView;
import jakarta.annotation.security.PermitAll;

/** Every signed-in view: navigation on the side, who is signed in and the sign-out button on top. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(CallerProfileService profiles, AuthenticationContext authentication) {
        CallerProfile me = profiles.current();
        var title = new H1("Nova Platform");
        title.addClassNames("text-l", "m-0");

        var header = new HorizontalLayout(new DrawerToggle(), title);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.addClassNames("px-m");
        if (me.developmentSetup()) {
            var banner = new Span("Development setup — local admin account, no single sign-on");
            banner.addClassName("dev-setup-banner");
            banner.setId("dev-setup-banner");
            header.add(banner);
        }
        var user = new Span(me.name() + " · " + roleLabel(me));
        user.setId("signed-in-user");
        user.addClassNames("text-s", "text-secondary");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var right = new HorizontalLayout(user, signOut);
        right.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        right.addClassName("ms-auto");
        header.add(right);
        addToNavbar(header);

        var nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Tenants", TenantsView.class, VaadinIcon.USERS.create()));
        nav.addItem(new SideNavItem("GPU pools", GpuPoolsView.class, VaadinIcon.CLUSTER.create()));
        if (me.platformAdmin()) {
            nav.addItem(new SideNavItem("Plan and apply", ClustersView.class, VaadinIcon.CLOUD_UPLOAD.create()));
        }
        if (me.platformAdmin() || me.roles().contains("viewer")) {
            nav.addItem(new SideNavItem("GPU queues", ClusterQueuesView.class, VaadinIcon.TASKS.create()));
            nav.addItem(new SideNavItem("Audit log", AuditView.class, VaadinIcon.RECORDS.create()));
        }
        nav.setId("main-nav");
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    private static String roleLabel(CallerProfile me) {
        if (me.platformAdmin()) {
            return "platform admin";
        }
        if (me.roles().contains("viewer")) {
            return "viewer";
        }
        return me.adminOfTenants().isEmpty() ? "no role" : "tenant admin";
    }
}
