# Writes a long console log to stdout, made of what a lab's nightly console shows: boots of the
# test kernels (the part of the QEMU logs before their first report), the test's own chatter,
# and now and then a kernel report (a log of the report corpus, or a whole QEMU log).
#
#   awk -v target=BYTES -v every=BYTES -v bootlogs="A B" -f make-console-log.awk REPORT_LOG...
#
# `every` is the number of bytes of boots and chatter written between two reports.
BEGIN {
  nboot = split(bootlogs, files, " ")
  for (b = 1; b <= nboot; b++) {
    while ((getline line < files[b]) > 0) {
      if (line ~ /BUG:|WARNING:|INFO: task|Unable to handle|cut here|=========/) break
      boot[b] = boot[b] line "\n"
    }
    close(files[b])
  }
  chatter = "+ echo 0.flash > /sys/bus/platform/drivers/physmap-flash/unbind\n" \
    "unbind returned 0\n+ cat /proc/mtd\ndev:    size   erasesize  name\n" \
    "lifelab: step unbind-while-open passed\n"
}
# Report corpus files start with header lines up to a blank line; QEMU logs have none.
FNR == 1 { n++; phase = ($0 ~ /^(TITLE|TYPE|ALT|CORRUPTED|#)/ || $0 == "") ? "header" : "log"; empty = 0 }
phase == "header" { if ($0 == "") phase = "log"; next }
phase == "log" {
  if (empty && $0 == "REPORT:") { phase = "done"; next }
  report[n] = report[n] $0 "\n"; empty = ($0 == ""); next
}
END {
  written = 0; r = 0; b = 0
  while (written < target) {
    for (since = 0; since < every && written < target; ) {
      s = boot[b % nboot + 1] chatter; b++
      printf "%s", s; written += length(s); since += length(s)
    }
    s = report[r % n + 1]; r++
    printf "%s", s; written += length(s)
  }
}
