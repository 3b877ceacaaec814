package dev.lifelab.kernellog;

import java.util.List;

/**
 * One kernel problem found in a log.
 *
 * @param kind family of the report, e.g. {@code kasan}, {@code warning}, {@code oops},
 *     {@code hung-task}, {@code kobject}
 * @param title syzkaller-style title, stable across kernel versions, e.g. {@code KASAN:
 *     use-after-free Read in mtd_proc_show}
 * @param source the log the finding comes from (file name), or null
 * @param startLine first line of the report in the log, 1-based
 * @param endLine last line of the report in the log, 1-based
 * @param frames function names of the call trace, innermost first
 * @param kernelVersion kernel release printed in the report ({@code 6.1.0-47-amd64}), or null
 * @param taint taint flags printed in the report, or null
 * @param corrupted the report is cut off or interleaved with other output
 * @param report the raw text of the report
 */
public record Finding(
    String kind,
    String title,
    String source,
    int startLine,
    int endLine,
    List<String> frames,
    String kernelVersion,
    String taint,
    boolean corrupted,
    String report) {

  public Finding withSource(String newSource) {
    return new Finding(kind, title, newSource, startLine, endLine, frames, kernelVersion, taint,
        corrupted, report);
  }
}
