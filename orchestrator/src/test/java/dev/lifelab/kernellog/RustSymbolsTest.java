package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rust frames name reports by their path, as syzkaller shows them. */
class RustSymbolsTest {
  @Test
  void inherentMethodBecomesTypePathAndName() {
    assertThat(RustSymbols.demangle("_RNvMs3_NtCshgDM7dBCdno_11rust_binder7processNtB5_7Process10update_ref"))
        .isEqualTo("<rust_binder::process::Process>::update_ref");
  }

  @Test
  void functionInACrateBecomesItsPath() {
    assertThat(RustSymbols.demangle("_RNvCscSpY9Juk0HT_7___rustc17rust_begin_unwind"))
        .isEqualTo("__rustc::rust_begin_unwind");
  }

  @Test
  void cNamesAndBrokenSymbolsAreLeftAlone() {
    assertThat(RustSymbols.demangle("mtd_proc_show")).isEqualTo("mtd_proc_show");
    assertThat(RustSymbols.demangle("_RNvCs")).isEqualTo("_RNvCs");
  }
}
