package io.slb.netlink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The netlink layers: only the libc transport makes syscalls; genl and rtnl build on the socket and codec. */
class NetlinkLayeringTest {
    private static JavaClasses netlink;

    @BeforeAll
    static void importNetlinkClasses() {
        netlink = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.slb.netlink");
    }

    @Test
    void onlyTheLibcTransportCallsLibc() {
        noClasses().that().resideInAPackage("io.slb.netlink..")
                .and().doNotHaveFullyQualifiedName(LibcTransport.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName("io.slb.sys.LibC")
                .orShould().dependOnClassesThat().resideInAPackage("jnr..")
                .check(netlink);
    }

    @Test
    void familiesDoNotReachBelowTheSocket() {
        noClasses().that().resideInAnyPackage("io.slb.netlink.genl..", "io.slb.netlink.rtnl..", "io.slb.netlink.uapi..")
                .should().dependOnClassesThat().haveFullyQualifiedName(LibcTransport.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.slb.sys.Syscalls")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.slb.sys.LibC")
                .check(netlink);
    }
}
