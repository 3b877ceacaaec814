package dev.lifelab.kernellog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel-messages table as written in YAML, before its regexes are compiled. Field names are
 * the YAML keys; see {@code kernel-messages.yaml} for what each one means.
 */
record TableSpec(
    Map<String, String> macros,
    ConsoleSpec console,
    ReportSpec reports,
    StackSpec stacks,
    TitleSpec titles,
    KernelSpec kernel,
    List<GroupSpec> groups) {

  record ConsoleSpec(
      List<String> prefixes, String questionableMarker, String questionableSuffix, String questionableUnless) {}

  record ReportSpec(
      int maxLines,
      int maxChars,
      int maxOpenReports,
      int maxQuietLines,
      int maxSilentLines,
      List<String> leadInMarkers,
      int maxLeadInLines,
      List<String> endMarkers,
      String finalEndMarker,
      String replayMarker,
      List<String> continuations,
      List<String> interruptions,
      List<String> ignoredLines,
      String otherCpusFollow,
      TrailerSpec trailers,
      List<String> contentLines) {}

  record TrailerSpec(List<String> patterns, int minLines, Map<String, Integer> minLinesWhenHeaderHas) {}

  record StackSpec(
      List<String> starts,
      List<String> frames,
      List<String> corruptedLines,
      List<String> stripPrefixes,
      LinkedHashMap<String, List<String>> skip,
      List<String> stallAnchors,
      List<String> stallSelfAnchors,
      LinkedHashMap<String, String> hangAnchors,
      List<String> hangSkip) {}

  record TitleSpec(int maxLength, List<String> corrupted, List<ReplacementSpec> replacements) {}

  record ReplacementSpec(String match, String with) {}

  record KernelSpec(String version, String taint) {}

  record GroupSpec(
      String header, String kind, List<String> suppress, boolean leadIn, List<FormatSpec> formats) {}

  record FormatSpec(
      String kind,
      String match,
      String details,
      String title,
      FrameSpec stack,
      boolean noStack,
      boolean corrupted) {}

  record FrameSpec(
      List<String> parts, List<String> fallback, List<String> skip, List<String> keep, String pick) {}
}
