package io.gristmill.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package structure the house style asks for, checked on the compiled main classes. */
class PackageRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gristmill");

    @Test
    void no_package_imports_another_that_imports_it_back() {
        // Every package is its own slice: recap and recap.narration may not lean on each other either.
        slices().matching("io.gristmill.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void only_routes_and_function_adapters_know_the_http_edge() {
        // Services answer values or throw access.Refusal; http/ turns both into responses.
        noClasses().that().resideOutsideOfPackage("io.gristmill.http..")
                .and().haveSimpleNameNotEndingWith("Routes")
                .and().haveSimpleNameNotEndingWith("Function")
                .should().dependOnClassesThat().resideInAPackage("io.gristmill.http..")
                .check(MAIN);
    }
}
