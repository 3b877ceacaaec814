package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
  @TempDir Path tmp;

  @Test
  void oneSuitePerTargetAndKernelOneCasePerPlan() throws Exception {
    ReportModel m = ReportModel.build(ReportFixtures.runs(null),
        KnownIssues.load(ReportModelTest.REPO_KNOWN_ISSUES), null, null, Instant.now());
    Path file = tmp.resolve("junit.xml");
    JunitReport.write(m, file);
    // Parsing fails on any character XML cannot carry (the fixtures' titles hold ESC).
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");

    NodeList suites = root.getElementsByTagName("testsuite");
    Map<String, Element> byName = new HashMap<>();
    for (int i = 0; i < suites.getLength(); i++) {
      Element s = (Element) suites.item(i);
      byName.put(s.getAttribute("name"), s);
    }
    assertThat(byName).containsOnlyKeys("qemu-arm64-virt / 6.1.0-47-arm64",
        "qemu-arm64-virt / 6.1.0-50-arm64");

    Element newer = byName.get("qemu-arm64-virt / 6.1.0-50-arm64");
    assertThat(newer.getAttribute("tests")).isEqualTo("5");
    assertThat(newer.getAttribute("failures")).isEqualTo("2"); // i2c hang, gpio fail
    assertThat(newer.getAttribute("errors")).isEqualTo("1"); // spi infra-error
    assertThat(newer.getAttribute("skipped")).isEqualTo("1"); // rtc incomplete

    Map<String, Element> cases = new HashMap<>();
    NodeList tc = newer.getElementsByTagName("testcase");
    for (int i = 0; i < tc.getLength(); i++) {
      Element e = (Element) tc.item(i);
      cases.put(e.getAttribute("name"), e);
    }
    Element i2c = cases.get("i2c-unbind");
    Element failure = (Element) i2c.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("hang");
    assertThat(failure.getAttribute("message")).isEqualTo("hang in i2c_del_adapter");
    Element gpio = (Element) cases.get("gpio-unbind").getElementsByTagName("failure").item(0);
    assertThat(gpio.getAttribute("message")).contains("<script>").contains("\\x1b[31m");
    Element spi = (Element) cases.get("spi-unbind").getElementsByTagName("error").item(0);
    assertThat(spi.getAttribute("message")).isEqualTo("boot: no login prompt within 120 s");
    assertThat(cases.get("mtd-unbind").getElementsByTagName("failure").getLength()).isZero();
    assertThat(cases.get("rtc-unbind").getElementsByTagName("skipped").getLength()).isOne();

    assertThat(root.getAttribute("tests")).isEqualTo("8");
    assertThat(root.getAttribute("failures")).isEqualTo("3"); // + mtd on the older kernel
  }
}
