package io.slb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** JunitXmlReports reads the legacy JUnit XML reports ({@code TEST-*.xml}) the console launcher writes. */
final class JunitXmlReports {
    private JunitXmlReports() {}

    /** Verdict of one test case. */
    enum Verdict { PASSED, FAILED, SKIPPED }

    /** Outcome is one test case: its class, name and verdict, with the message of a failure or skip. */
    record Outcome(String className, String name, Verdict verdict, String message) {
        @Override
        public String toString() {
            return className + "." + name + (verdict == Verdict.PASSED ? "" : ": " + verdict + " " + message);
        }
    }

    /** Reads every report in {@code dir}; throws if the directory or a report cannot be read. */
    static List<Outcome> read(Path dir) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                outcomes.addAll(readOne(file));
            }
        }
        return outcomes;
    }

    private static List<Outcome> readOne(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList cases = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                outcomes.add(outcome(testCase));
            }
            return outcomes;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse JUnit report " + file, e);
        }
    }

    private static Outcome outcome(Element testCase) {
        String className = testCase.getAttribute("classname");
        String name = testCase.getAttribute("name");
        for (String kind : List.of("failure", "error", "skipped")) {
            NodeList found = testCase.getElementsByTagName(kind);
            if (found.getLength() > 0) {
                Verdict verdict = "skipped".equals(kind) ? Verdict.SKIPPED : Verdict.FAILED;
                return new Outcome(className, name, verdict, ((Element) found.item(0)).getAttribute("message").strip());
            }
        }
        return new Outcome(className, name, Verdict.PASSED, "");
    }
}
