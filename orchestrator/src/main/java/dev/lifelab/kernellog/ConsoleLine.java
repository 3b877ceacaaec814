package dev.lifelab.kernellog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of console output, split into where it comes from and what the kernel said.
 *
 * @param number 1-based line number in the log
 * @param raw the line as logged (terminal escapes removed)
 * @param context printk caller id ({@code T123}, {@code C1}), {@code console} for other kernel
 *     lines, empty for lines without a kernel prefix
 * @param text the line without its console prefix
 * @param questionable a frame the unwinder is unsure about ({@code ? func+0x..})
 */
record ConsoleLine(long number, String raw, String context, String text, boolean questionable) {
  static final String CONSOLE = "console";
  private static final Pattern TERMINAL_ESCAPE =
      Pattern.compile("\u001b(?:\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-Z\\\\-_])");

  boolean hasCallerId() {
    return isCallerId(context);
  }

  /** Whether a context is a printk caller id (as opposed to the whole console or none). */
  static boolean isCallerId(String context) {
    return !context.isEmpty() && !context.equals(CONSOLE);
  }

  boolean isCpuContext() {
    return context.startsWith("C") && hasCallerId();
  }

  /** Splits lines with the console prefix and questionable-frame rules of a table; one per thread. */
  static final class Parser {
    private final KernelMessageTable table;
    /** A matcher per console prefix, reset for each line rather than made anew. */
    private final Matcher[] prefixMatchers;

    Parser(KernelMessageTable table) {
      this.table = table;
      prefixMatchers = table.consolePrefixes.stream().map(p -> p.pattern().matcher("")).toArray(Matcher[]::new);
    }

    ConsoleLine parse(long number, String line) {
      String raw = line.indexOf('\u001b') >= 0 ? TERMINAL_ESCAPE.matcher(line).replaceAll("") : line;
      for (int i = 0; i < prefixMatchers.length; i++) {
        KernelMessageTable.ConsolePrefix p = table.consolePrefixes.get(i);
        if (p.literal() != null && !raw.contains(p.literal())) {
          continue;
        }
        Matcher m = prefixMatchers[i].reset(raw);
        if (m.lookingAt()) {
          String caller = p.hasCaller() ? m.group(KernelMessageTable.ConsolePrefix.CALLER) : null;
          String context = caller == null ? CONSOLE : callerId(caller);
          String text = raw.substring(m.end());
          return new ConsoleLine(number, raw, context, text, isQuestionable(text));
        }
      }
      return new ConsoleLine(number, raw, "", raw, isQuestionable(raw));
    }

    /** "[  T123]" as "T123". */
    private static String callerId(String caller) {
      StringBuilder id = new StringBuilder(caller.length());
      for (int i = 0; i < caller.length(); i++) {
        char c = caller.charAt(i);
        if (c != ' ' && c != '[' && c != ']') {
          id.append(c);
        }
      }
      return id.toString();
    }

    private boolean isQuestionable(String text) {
      // the rare marker first: most lines are then read once, not twice
      return (text.contains(table.questionableMarker) || text.endsWith(table.questionableSuffix))
          && !text.contains(table.questionableUnless);
    }
  }
}
