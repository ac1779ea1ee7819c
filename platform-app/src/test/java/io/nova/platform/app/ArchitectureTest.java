package io.nova.platform.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of docs/architecture.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nova.platform");
    }

    @Test
    void core_knows_no_kubernetes_vault_vaadin_or_web() {
        noClasses().that().resideInAPackage("io.nova.platform.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "org.springframework.vault..",
                        "com.vaadin..", "org.springframework.web..", "jakarta.servlet..",
                        "org.springframework.http..", "io.swagger..", "org.springdoc..")
                .because("core is the domain; adapters depend on it, never the other way round")
                .check(classes);
    }

    @Test
    void core_depends_on_none_of_our_other_modules() {
        noClasses().that().resideInAPackage("io.nova.platform.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nova.platform.k8s..",
                        "io.nova.platform.vault..", "io.nova.platform.ui..", "io.nova.platform.app..")
                .check(classes);
    }

    @Test
    void k8s_imports_neither_ui_nor_vault() {
        noClasses().that().resideInAPackage("io.nova.platform.k8s..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nova.platform.ui..",
                        "io.nova.platform.vault..", "io.nova.platform.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void vault_imports_neither_ui_nor_k8s() {
        noClasses().that().resideInAPackage("io.nova.platform.vault..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nova.platform.ui..",
                        "io.nova.platform.k8s..", "io.nova.platform.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void ui_imports_neither_k8s_nor_vault() {
        noClasses().that().resideInAPackage("io.nova.platform.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nova.platform.k8s..",
                        "io.nova.platform.vault..", "io.nova.platform.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void only_core_touches_repositories() {
        noClasses().that().resideOutsideOfPackage("io.nova.platform.core..")
                .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                .because("the console and the API call services, never repositories")
                .check(classes);
    }
}
