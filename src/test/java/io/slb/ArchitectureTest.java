package io.slb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ArchitectureTest keeps the pure packages pure: the core and IPAM do no I/O, use no framework,
 * read no clock and make no random identifiers; and nobody names a class after a non-role.
 */
class ArchitectureTest {
    private static final String[] PURE = {"io.slb.core..", "io.slb.ipam.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.slb");
    }

    @Test
    void pureCodeUsesNoFrameworkAndNoIo() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "reactor..", "jnr..", "java.nio.channels..", "java.nio.file..",
                        "com.fasterxml..", "org.apache.logging..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
                .check(production);
    }

    @Test
    void pureCodeReadsNoClockAndMakesNoRandomIds() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().callMethodWhere(calls(Instant.class, "now"))
                .orShould().callMethodWhere(calls(System.class, "currentTimeMillis"))
                .orShould().callMethodWhere(calls(System.class, "nanoTime"))
                .orShould().callMethodWhere(calls(UUID.class, "randomUUID"))
                .check(production);
    }

    @Test
    void noClassIsNamedImplManagerOrHelper() {
        noClasses().that().resideInAPackage("io.slb..")
                .should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .check(production);
    }

    /** Matches a call to any overload of {@code owner.name}. */
    private static DescribedPredicate<JavaMethodCall> calls(Class<?> owner, String name) {
        return DescribedPredicate.describe(owner.getSimpleName() + "." + name + "()",
                call -> call.getTargetOwner().isEquivalentTo(owner) && call.getName().equals(name));
    }
}
