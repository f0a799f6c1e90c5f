package io.eventbank.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of the query service and the directions they may depend in: features ({@code account},
 * {@code order}) on the pipeline ({@code projection}) and the web edge; the pipeline on neither; {@code admin} is
 * endpoints only, and nothing depends on it.
 */
@AnalyzeClasses(packages = "io.eventbank.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryModulesArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.eventbank.query.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingDependsOnTheAdminEndpoints = noClasses()
            .that().resideOutsideOfPackage("..query.admin..")
            .should().dependOnClassesThat().resideInAPackage("..query.admin..")
            .because("admin holds endpoints only; the projections and their pipeline never need them");

    @ArchTest
    static final ArchRule adminHoldsOnlyEndpoints = classes()
            .that().resideInAPackage("..query.admin..").and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should().beAnnotatedWith(RestController.class)
            .because("what the admin endpoints do lives in the pipeline (projection) and in reconciliation");

    @ArchTest
    static final ArchRule thePipelineKnowsNoProjectionAndNoEndpoint = noClasses()
            .that().resideInAPackage("..query.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.account..", "..query.order..",
                    "..query.web..", "..query.admin..", "..query.reconciliation..")
            .because("every projection uses the same pipeline; adding one changes no pipeline class");

    @ArchTest
    static final ArchRule projectionsDoNotKnowEachOther = noClasses()
            .that().resideInAPackage("..query.account..")
            .should().dependOnClassesThat().resideInAPackage("..query.order..")
            .orShould().dependOnClassesThat().resideInAPackage("..query.reconciliation..")
            .because("a projection is its handlers, its writes and its queries");
}
